namespace FlashMentoring.Web.Online;

/// <summary>The host's online and hybrid settings: the event's mode, the tables' video rooms, the rounds' prompts, who is in their room.</summary>
public static class OnlineEndpoints
{
    public static IEndpointRouteBuilder MapOnline(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
