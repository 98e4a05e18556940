using System.Buffers.Binary;

namespace MlNetResNet.Tests.Hostile;

/// <summary>Writes an animated WebP by wrapping the VP8L data of a still lossless WebP into ANMF frames.</summary>
internal static class WebPFileWriter
{
    public static void WriteAnimated(string path, byte[] stillLosslessWebP, int side, int frames)
    {
        byte[] vp8l = StillImageChunk(stillLosslessWebP);
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        var vp8x = new byte[10];
        vp8x[0] = 0x02; // animation
        WriteUInt24(vp8x.AsSpan(4), side - 1);
        WriteUInt24(vp8x.AsSpan(7), side - 1);
        WriteChunk(body, "VP8X", vp8x);
        WriteChunk(body, "ANIM", new byte[6]);
        for (int i = 0; i < frames; i++)
        {
            var frame = new byte[16 + vp8l.Length];
            WriteUInt24(frame.AsSpan(6), side - 1);
            WriteUInt24(frame.AsSpan(9), side - 1);
            WriteUInt24(frame.AsSpan(12), 100);
            vp8l.CopyTo(frame, 16);
            WriteChunk(body, "ANMF", frame);
        }
        using var file = File.Create(path);
        file.Write("RIFF"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        file.Write(size);
        file.Write(body.ToArray());
    }

    // The whole VP8L chunk (header included) of a simple-format lossless WebP: RIFF(12) then the chunk.
    private static byte[] StillImageChunk(byte[] webp)
    {
        if (webp.AsSpan(12, 4).SequenceEqual("VP8L"u8) is false)
            throw new InvalidOperationException("Expected a simple lossless WebP.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(16));
        return webp[12..(20 + length + (length & 1))];
    }

    private static void WriteChunk(Stream stream, string fourCc, byte[] data)
    {
        stream.Write(System.Text.Encoding.ASCII.GetBytes(fourCc));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)data.Length);
        stream.Write(size);
        stream.Write(data);
        if ((data.Length & 1) != 0) stream.WriteByte(0);
    }

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
