using System.Security.Cryptography;
using FlashMentoring.Web.Hosting;

namespace FlashMentoring.Web.Events;

/// <summary>Secrets for the host link and short codes for joining.</summary>
internal static class HostKeys
{
    // No 0/O, 1/I/L: the code is read off a projector and typed on a phone.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>A new host key (256 random bits, base64url) and the hash that is stored.</summary>
    public static (string Key, byte[] Hash) NewKey()
    {
        var key = Secrets.Random(32);
        return (key, Hash(key));
    }

    /// <summary>A personal link's secret (128 random bits, base64url) and the hash it is found by.</summary>
    public static (string Token, byte[] Hash) NewPersonToken()
    {
        var token = Secrets.Random(16);
        return (token, Hash(token));
    }

    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    /// <summary>Compares in constant time, so response timing says nothing about how close a guess was.</summary>
    public static bool Matches(string? key, byte[] storedHash) =>
        !string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);

    public static string NewJoinCode() =>
        string.Create(6, 0, (span, _) =>
        {
            for (var k = 0; k < span.Length; k++)
            {
                span[k] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
            }
        });
}
