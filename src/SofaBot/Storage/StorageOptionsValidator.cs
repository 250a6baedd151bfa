using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SofaBot.Storage;

/// <summary>Checks <c>Storage</c> at start-up; messages name the key.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var section = StorageOptions.SectionName;
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"{section}:Provider is \"{options.Provider}\"; this version stores its state in SQLite (\"Sqlite\")");
        }

        try
        {
            _ = new SqliteConnectionStringBuilder(options.Sqlite.ConnectionString);
            return string.IsNullOrWhiteSpace(options.Sqlite.ConnectionString)
                ? ValidateOptionsResult.Fail($"{section}:Sqlite:ConnectionString is empty (for example \"Data Source=data/sofabot.db\")")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"{section}:Sqlite:ConnectionString is not a SQLite connection string: {e.Message}");
        }
    }
}
