namespace MlNetResNet.Imaging;

/// <summary>A read-only stream over encoded image bytes, without a copy when they live in an array.</summary>
internal static class EncodedBytesStream
{
    public static MemoryStream Open(ReadOnlyMemory<byte> encoded) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(encoded, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(encoded.ToArray(), writable: false);
}
