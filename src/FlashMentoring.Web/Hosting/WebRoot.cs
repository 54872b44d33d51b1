namespace FlashMentoring.Web.Hosting;

/// <summary>Finds the web root: the top-level wwwroot the build copies next to the binaries.</summary>
internal static class WebRoot
{
    public static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        // Running from a folder the build did not copy to: look for the repository's wwwroot upwards.
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "wwwroot");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "FlashMentoring.sln")))
            {
                return candidate;
            }
        }

        return beside;
    }
}
