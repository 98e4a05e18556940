namespace MlNetResNet.Tests.Hostile;

/// <summary>Writes GIF files block by block: many-frame animations and damaged comment or LZW data.</summary>
internal static class GifFileWriter
{
    private const int MinimumCodeSize = 2;
    private const int Clear = 4, EndOfInformation = 5;

    /// <summary>
    /// A <paramref name="screenSide"/>² logical screen with <paramref name="frames"/> frames of one pixel each: tiny on disk,
    /// but a decoder that keeps every frame allocates a full canvas per frame (64 MB each at 4096²).
    /// </summary>
    public static void WriteManyFrames(string path, int screenSide, int frames)
    {
        using var file = File.Create(path);
        WriteHeader(file, screenSide, screenSide);
        for (int i = 0; i < frames; i++) WriteFrame(file, 1, 1, [Clear, 0, EndOfInformation]);
        file.WriteByte(0x3B);
    }

    /// <summary>A one-frame GIF after a comment extension whose sub-block length runs past the end of the file.</summary>
    public static void WriteOverrunningComment(string path)
    {
        using var file = File.Create(path);
        WriteHeader(file, 8, 8);
        WriteFrame(file, 8, 8, [Clear, 0, EndOfInformation]);
        file.Write([0x21, 0xFE, 0xFF, (byte)'h', (byte)'i']); // 255 bytes announced, 2 present
        file.WriteByte(0x3B);
    }

    /// <summary>A GIF whose only frame's LZW data uses code 7 before the table defines it.</summary>
    public static void WriteCorruptLzw(string path)
    {
        using var file = File.Create(path);
        WriteHeader(file, 8, 8);
        WriteFrame(file, 8, 8, [Clear, 0, 7, 1, EndOfInformation]);
        file.WriteByte(0x3B);
    }

    private static void WriteHeader(Stream file, int width, int height)
    {
        file.Write("GIF89a"u8);
        file.Write([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)]);
        file.Write([0x80, 0, 0]); // a global colour table of 2 entries
        file.Write([0, 0, 0, 255, 255, 255]);
    }

    private static void WriteFrame(Stream file, int width, int height, int[] codes)
    {
        file.WriteByte(0x2C);
        file.Write([0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0]);
        file.WriteByte(MinimumCodeSize);
        byte[] data = PackCodes(codes, MinimumCodeSize + 1);
        file.WriteByte((byte)data.Length);
        file.Write(data);
        file.WriteByte(0);
    }

    // Codes stay below 8, so all are 3 bits wide; packed least significant bit first, as GIF does.
    private static byte[] PackCodes(int[] codes, int codeSize)
    {
        var bytes = new List<byte>();
        int bits = 0, count = 0;
        foreach (int code in codes)
        {
            bits |= code << count;
            count += codeSize;
            while (count >= 8)
            {
                bytes.Add((byte)bits);
                bits >>= 8;
                count -= 8;
            }
        }
        if (count > 0) bytes.Add((byte)bits);
        return bytes.ToArray();
    }
}
