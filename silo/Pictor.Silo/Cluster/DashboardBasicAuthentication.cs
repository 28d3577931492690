using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pictor.Silo.Cluster;

/// <summary>HTTP Basic authentication in front of the dashboard of a cluster silo.</summary>
/// <remarks>
/// The dashboard shows grain state and cluster topology, so in cluster mode every request needs the configured
/// user and password. Credentials are compared in constant time over their SHA-256 digests.
/// </remarks>
/// <param name="user">The expected user name.</param>
/// <param name="password">The expected password.</param>
internal sealed class DashboardBasicAuthentication(string user, string password)
{
    private const string Challenge = "Basic realm=\"pictor dashboard\", charset=\"UTF-8\"";
    private readonly byte[] _expected = Digest($"{user}:{password}");

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
    }

    internal bool IsAuthorized(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(value.Parameter);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded), _expected);
    }

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
