namespace FlashMentoring.Web.Registration;

/// <summary>Self-registration before the event: the public link, profiles, mentor search and the host's review.</summary>
public static class RegistrationEndpoints
{
    public static IEndpointRouteBuilder MapRegistration(this IEndpointRouteBuilder app) => app;
}
