namespace FlashMentoring.Web.Tests;

/// <summary>
/// Tests that hang up on work part-way and check it stopped: they run after the others, on their own. Beside dozens of
/// busy tests on two cores, the thread that notices a closed connection can wait longer than the work has left, and
/// the work then finishes before it hears that nobody waits for it. Also tests that read the process's exported metrics,
/// which would count other tests' apps.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
