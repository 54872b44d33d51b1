using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using QRCoder;

namespace FlashMentoring.Web.Live;

/// <summary>
/// Links phones can open. The host's laptop browses to localhost, but phones are on the venue Wi-Fi, so a
/// link made from a loopback request uses the laptop's LAN address instead.
/// </summary>
public sealed class JoinLinks(IServer server)
{
    /// <summary>The origin phones should use, and whether the app listens beyond this machine at all.</summary>
    public (string Origin, bool ReachableFromLan) Origin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = request.Host.Host;
        var loopback = host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            return ($"{request.Scheme}://{request.Host}", true);
        }

        var lan = LanAddress();
        var everywhere = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Any(a => a.Contains("://0.0.0.0", StringComparison.Ordinal) || a.Contains("://[::]", StringComparison.Ordinal) ||
                      a.Contains("://+", StringComparison.Ordinal) || a.Contains("://*", StringComparison.Ordinal)) == true;
        var port = request.Host.Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return lan is null
            ? ($"{request.Scheme}://{request.Host}", false)
            : ($"{request.Scheme}://{lan}{port}", everywhere);
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

    private static string? LanAddress()
    {
        // Prefer a wired or Wi-Fi interface that is up and has a private IPv4 address.
        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderBy(n => n.NetworkInterfaceType is NetworkInterfaceType.Ethernet or NetworkInterfaceType.Wireless80211 ? 0 : 1)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Select(a => a.ToString())
            .FirstOrDefault();
    }
}
