using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SofaBot.Storage;

/// <summary>The keys that sign the review page's sign-in cookie and antiforgery tokens, kept in the state store
/// (table <c>data_protection_keys</c>) so that every replica accepts what another issued. ASP.NET Core's key manager
/// encrypts each key before it gets here (<see cref="Review.Web.KeyRingEncryptor"/>): rows hold no key in clear.</summary>
/// <remarks><see cref="IXmlRepository"/> is synchronous; the key manager calls it at start and when the ring is
/// refreshed (about once a day), never per request.</remarks>
internal sealed class KeyRingStore(StoreDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys ORDER BY created_at, name";
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        // a key is written once under its own name; two replicas that made one each both keep theirs
        command.CommandText = "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @at) ON CONFLICT (name) DO NOTHING";
        command.Add("name", friendlyName);
        command.Add("xml", element.ToString(SaveOptions.DisableFormatting));
        database.Dialect.AddTime(command, "at", time.GetUtcNow());
        command.ExecuteNonQuery();
    }
}
