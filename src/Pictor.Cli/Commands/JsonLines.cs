using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Pictor.Cli.Commands;

/// <summary>Writes one JSON object per line; token amounts are exact integer literals, whatever their size.</summary>
internal static class JsonLines
{
    public static string Object(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An integer of any size as a JSON number; parse it as a big integer (it may exceed 2^53).</summary>
    public static void WriteInteger(this Utf8JsonWriter writer, string name, BigInteger value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(value.ToString(CultureInfo.InvariantCulture));
    }

    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length == 0)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
