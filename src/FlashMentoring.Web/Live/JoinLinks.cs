using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using QRCoder;

namespace FlashMentoring.Web.Live;

/// <summary>Where phones reach the app: <c>Hosting:PublicOrigin</c> and <c>Hosting:LinkHosts</c>.</summary>
public sealed class JoinLinkOptions : IValidatableObject
{
    /// <summary>
    /// The address every join link, personal link and QR code is built from, e.g. <c>https://mentoring.example.gov</c>
    /// for a hosted instance. Unset (a laptop in the room), links use the laptop's own address.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Host names a request may name for its links (the laptop's name on the venue network, say); any other is ignored.</summary>
    public List<string> LinkHosts { get; set; } = [];

    /// <summary>Behind a reverse proxy (a hosted instance): the app's own addresses are then not the ones phones reach.</summary>
    public bool BehindProxy { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BehindProxy && string.IsNullOrEmpty(PublicOrigin) && LinkHosts.Count == 0)
        {
            // Otherwise every QR code would carry the container's own address, which no phone can reach.
            yield return new ValidationResult(
                "Hosting:BehindProxy is set, so the app cannot tell which address phones use: set Hosting:PublicOrigin (e.g. https://mentoring.example.gov), or list the proxy's public host name in Hosting:LinkHosts.",
                [nameof(PublicOrigin)]);
        }

        if (PublicOrigin is { Length: > 0 } origin &&
            (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || uri.Fragment.Length > 0))
        {
            yield return new ValidationResult($"Hosting:PublicOrigin must be a scheme and host, like https://mentoring.example.gov; got '{origin}'.", [nameof(PublicOrigin)]);
        }
    }
}

/// <summary>
/// Links phones can open. The request's Host header is the client's to write, so a link (and the QR code that prints
/// it) never takes a host name from it unless that name is configured or is this machine's own address. The host's
/// laptop browses to localhost, but phones are on the venue Wi-Fi, so a link made from such a request uses the
/// laptop's LAN address instead.
/// </summary>
public sealed class JoinLinks(IServer server, IOptions<JoinLinkOptions> options)
{
    /// <summary>The origin phones should use, and whether the app listens beyond this machine at all.</summary>
    public (string Origin, bool ReachableFromLan) Origin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.PublicOrigin is { Length: > 0 } configured)
        {
            return (configured.TrimEnd('/'), true);
        }

        var host = request.Host.Host.ToLowerInvariant();
        var port = request.Host.Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var ip = IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null;
        var loopback = host == "localhost" || (ip is not null && IPAddress.IsLoopback(ip));
        if (!loopback && (options.Value.LinkHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || (ip is not null && OwnAddresses().Contains(ip))))
        {
            return ($"{request.Scheme}://{request.Host.Value!.ToLowerInvariant()}", true);
        }

        // Localhost, or a name nobody vouched for: the laptop's LAN address, on the port this request really came in on.
        if (!loopback && request.HttpContext.Connection.LocalPort > 0)
        {
            port = ":" + request.HttpContext.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var lan = LanAddress();
        var everywhere = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Any(a => a.Contains("://0.0.0.0", StringComparison.Ordinal) || a.Contains("://[::]", StringComparison.Ordinal) ||
                      a.Contains("://+", StringComparison.Ordinal) || a.Contains("://*", StringComparison.Ordinal)) == true;
        return lan is null
            ? ($"{request.Scheme}://{(loopback ? request.Host.Value : "localhost" + port)}", false)
            : ($"{request.Scheme}://{lan}{port}", everywhere || !loopback);
    }

    /// <summary>The join link for an event's code.</summary>
    public static string JoinPath(string code) => "/join?code=" + Uri.EscapeDataString(code);

    /// <summary>A QR code as SVG; scales to any screen or paper without blurring.</summary>
    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    private static IEnumerable<UnicastIPAddressInformation> UpAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderBy(n => n.NetworkInterfaceType is NetworkInterfaceType.Ethernet or NetworkInterfaceType.Wireless80211 ? 0 : 1)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses);

    private static HashSet<IPAddress> OwnAddresses() => UpAddresses().Select(u => u.Address).ToHashSet();

    private static string? LanAddress()
    {
        // Prefer a wired or Wi-Fi interface that is up and has a private IPv4 address.
        return UpAddresses()
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Select(a => a.ToString())
            .FirstOrDefault();
    }
}
