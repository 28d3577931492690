using System.Globalization;
using System.Security.Cryptography;

namespace Pictor.Client;

/// <summary>Makes job ids that sort by submission time and do not collide.</summary>
public static class JobIds
{
    /// <summary>A new id such as <c>20261125-101502-3fa9c2</c>.</summary>
    /// <param name="clock">The clock; the system clock when null.</param>
    /// <returns>The id.</returns>
    public static string New(TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return string.Create(
            CultureInfo.InvariantCulture, $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
    }
}
