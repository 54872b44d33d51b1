using System.Buffers.Text;
using System.Security.Cryptography;

namespace FlashMentoring.Web.Hosting;

/// <summary>Unguessable values: host keys, personal links, device ids.</summary>
internal static class Secrets
{
    /// <summary>Random bytes as URL-safe text (base64url, no padding): fits a link, a header and a cookie as is.</summary>
    public static string Random(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
