using System.Data;
using System.Data.Common;

namespace SofaBot.Storage;

/// <summary>Adds parameters the same way on both drivers. A null is sent with its type: PostgreSQL cannot infer one
/// for <c>@status IS NULL</c>, and SQLite needs none but takes it.</summary>
internal static class CommandParameters
{
    public static void Add(this DbCommand command, string name, string? value) => command.Add(name, DbType.String, value);

    public static void Add(this DbCommand command, string name, long? value) => command.Add(name, DbType.Int64, value);

    public static void Add(this DbCommand command, string name, int? value) => command.Add(name, DbType.Int32, value);

    public static void Add(this DbCommand command, string name, bool? value) => command.Add(name, DbType.Boolean, value);

    public static void AddReal(this DbCommand command, string name, float value) => command.Add(name, DbType.Single, value);

    public static void Add(this DbCommand command, string name, byte[] value) => command.Add(name, DbType.Binary, value);

    public static void Add(this DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>Reads a nullable text column the same way on both drivers.</summary>
internal static class NullableColumns
{
    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
