namespace FlashMentoring.Web.Online;

/// <summary>A participant's side of an online round: "I'm in the room", and a mentor reporting a mentee missing.</summary>
public static class PresenceEndpoints
{
    public static IEndpointRouteBuilder MapPresence(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
