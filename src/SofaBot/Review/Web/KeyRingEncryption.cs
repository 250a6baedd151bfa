using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace SofaBot.Review.Web;

/// <summary>The key that encrypts the review sign-in keys before they are stored (<see cref="Storage.KeyRingStore"/>):
/// AES-256-GCM under a key derived from <c>Review:KeyRingSecret</c>, the same on every replica. Whoever reads the
/// database (a backup, a replica of it) gets no key that could forge a maintainer's sign-in.</summary>
internal sealed class KeyRingSecret
{
    public KeyRingSecret(string secret)
    {
        // HKDF: the secret may be a passphrase; the key is 32 uniform bytes, and used for nothing else
        Key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: "SofaBot review key ring v1"u8.ToArray());
    }

    public byte[] Key { get; }
}

/// <summary>Encrypts a key's XML for storage (ASP.NET Core's key manager calls it for each new key).</summary>
internal sealed class KeyRingEncryptor(KeyRingSecret secret) : IXmlEncryptor
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(secret.Key, TagBytes))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        }

        var element = new XElement("keyRingSecret",
            new XComment(" AES-256-GCM under Review:KeyRingSecret: nonce, tag, ciphertext "),
            new XElement("sealed", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }

    /// <summary>Opens what <see cref="Encrypt"/> sealed; a wrong secret or a changed row fails here.</summary>
    public static XElement Decrypt(KeyRingSecret secret, XElement encryptedElement)
    {
        var sealedBytes = Convert.FromBase64String(encryptedElement.Element("sealed")?.Value
            ?? throw new CryptographicException("the stored key has no sealed value"));
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("the stored key is too short to be one this program sealed");
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using (var aes = new AesGcm(secret.Key, TagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}

/// <summary>Decrypts stored keys; the key manager makes it by type name, with the services.</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        KeyRingEncryptor.Decrypt(services.GetRequiredService<KeyRingSecret>(), encryptedElement);
}
