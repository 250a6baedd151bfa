namespace SofaBot.Storage.Migrations;

/// <summary>The database was migrated by a newer release: this one stops rather than write rows the newer schema may
/// not expect. The message names both versions and what to do.</summary>
internal sealed class SchemaTooNewException(string message) : Exception(message);
