using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlashMentoring.Web.Tests;

/// <summary>The real app over real HTTP, on a throw-away store: in memory, or a SQLite file in a folder the test owns.</summary>
public class TestApp : WebApplicationFactory<Program>
{
    /// <summary>When set, SQLite in this folder: two TestApps on the same folder are the app before and after a restart.</summary>
    public string? DataFolder { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Provider", DataFolder is null ? "InMemory" : "Sqlite");
        if (DataFolder is not null)
        {
            builder.UseSetting("Storage:DataFolder", DataFolder);
        }
    }
}
