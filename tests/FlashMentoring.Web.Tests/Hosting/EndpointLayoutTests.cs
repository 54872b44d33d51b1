using System.Text.RegularExpressions;

namespace FlashMentoring.Web.Tests.Hosting;

/// <summary>
/// Endpoint classes map routes and answer them; what two of them share lives in a service. One endpoint class calling
/// into another is how the web layer grew by copy before (a re-plan in the roster file reached from the events file,
/// a phone's view built by the join file for the hub): this keeps it from coming back.
/// </summary>
public partial class EndpointLayoutTests
{
    [Fact]
    public void NoEndpointClassCallsIntoAnother()
    {
        var source = Path.Combine(LanguagesTests.Repository, "src", "FlashMentoring.Web");
        var calls = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative == "Program.cs")
            {
                continue;
            }

            var own = Path.GetFileNameWithoutExtension(file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                calls.AddRange(EndpointMember().Matches(lines[i])
                    .Where(m => m.Groups["class"].Value != own)
                    .Select(m => $"{relative}:{i + 1}: {m.Value}"));
            }
        }

        // Program.cs maps every group (app.MapX()) and is the one place allowed to name them all.
        Directory.EnumerateFiles(source, "*Endpoints.cs", SearchOption.AllDirectories).Should().HaveCountGreaterThan(10, "the scan must see the endpoint files");
        calls.Should().BeEmpty("shared logic belongs in a service both endpoint classes take from DI");
    }

    [GeneratedRegex(@"\b(?<class>[A-Z]\w*Endpoints)\.[A-Z]\w*")]
    private static partial Regex EndpointMember();
}
