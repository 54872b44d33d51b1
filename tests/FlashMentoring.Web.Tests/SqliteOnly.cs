namespace FlashMentoring.Web.Tests;

/// <summary>
/// A test about the SQLite file itself (its bytes, its write-ahead log, an old data file, a process started on a data
/// folder): it runs on the default run and is skipped, with its reason, on the Postgres run, where there is no file.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute(string why)
    {
        if (TestPostgres.Selected)
        {
            Skip = "SQLite only: " + why;
        }
    }
}

/// <summary>The <see cref="SqliteFactAttribute"/> of a theory.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute(string why)
    {
        if (TestPostgres.Selected)
        {
            Skip = "SQLite only: " + why;
        }
    }
}
