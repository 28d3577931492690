using System.Security.Cryptography;
using MessagePack;
using MessagePack.Resolvers;

namespace Pictor.Rendering.Packages;

/// <summary>Writes and reads scene packages and computes their content address.</summary>
public static class ScenePackageSerializer
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>The canonical bytes of a package: MessagePack with integer keys, in key order.</summary>
    /// <param name="package">The package.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(ScenePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return MessagePackSerializer.Serialize(package, Options);
    }

    /// <summary>Reads a package.</summary>
    /// <param name="bytes">Bytes written by <see cref="Serialize"/>.</param>
    /// <returns>The package.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a package of a format this code reads.</exception>
    public static ScenePackage Deserialize(ReadOnlyMemory<byte> bytes)
    {
        ScenePackage package;
        try
        {
            package = MessagePackSerializer.Deserialize<ScenePackage>(bytes, Options);
        }
        catch (MessagePackSerializationException e)
        {
            throw new InvalidDataException($"Not a scene package: {e.Message}", e);
        }

        if (package is null || package.Format != ScenePackage.CurrentFormat)
        {
            throw new InvalidDataException($"Scene package format {package?.Format} is not {ScenePackage.CurrentFormat}.");
        }

        return package;
    }

    /// <summary>The content address of package bytes: lower-case hex SHA-256.</summary>
    /// <param name="bytes">The canonical bytes.</param>
    /// <returns>64 hex digits.</returns>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
