using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetResNet.Tests.Hostile;

/// <summary>Writes PNG files chunk by chunk, including a real decompression bomb.</summary>
internal static class PngFileWriter
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// A valid 8-bit gray PNG of <paramref name="side"/>² pixels, all black, whose IDAT inflates to side·(side+1) bytes
    /// (3.6 GB of RGBA for Skia at 30,000²) while the file stays near one megabyte. Deflate is run on two 1 MiB runs
    /// of zeros only; the second run's output, which ends on a sync-flush byte boundary and refers back only to
    /// zeros, is repeated as often as needed, so writing the bomb takes milliseconds.
    /// </summary>
    public static void WriteZeroBomb(string path, int side)
    {
        long rawLength = (long)side * (side + 1);
        const int run = 1 << 20;
        long runs = rawLength / run;
        int remainder = (int)(rawLength % run);
        var (first, repeated, last) = FlushedZeroRuns(run, remainder);

        using var idat = new MemoryStream();
        idat.Write([0x78, 0x9C]);
        idat.Write(first);
        for (long i = 1; i < runs; i++) idat.Write(repeated);
        idat.Write(last);
        idat.Write([0x03, 0x00]); // final, empty fixed-Huffman block
        // Adler-32 of n zero bytes: a = 1, b = n mod 65521.
        uint adler = (uint)(rawLength % 65521) << 16 | 1;
        Span<byte> adlerBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(adlerBytes, adler);
        idat.Write(adlerBytes);

        using var file = File.Create(path);
        file.Write(Signature);
        WriteChunk(file, "IHDR", Ihdr(side, side, bitDepth: 8, colorType: 0));
        WriteChunk(file, "IDAT", idat.ToArray());
        WriteChunk(file, "IEND", []);
    }

    /// <summary>A PNG whose IHDR claims <paramref name="width"/>x<paramref name="height"/> RGB but whose IDAT holds one row.</summary>
    public static void WriteLyingHeader(string path, int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(new byte[1 + 3 * 16]);
        using var file = File.Create(path);
        file.Write(Signature);
        WriteChunk(file, "IHDR", Ihdr(width, height, bitDepth: 8, colorType: 2));
        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
    }

    public static byte[] Ihdr(int width, int height, byte bitDepth, byte colorType)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = bitDepth;
        data[9] = colorType;
        return data;
    }

    public static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngCrc(typeBytes, data));
        file.Write(word);
    }

    // Deflate of: run zeros (flush), run zeros (flush), remainder zeros (flush); each part returned separately.
    private static (byte[] First, byte[] Repeated, byte[] Last) FlushedZeroRuns(int run, int remainder)
    {
        var zeros = new byte[run];
        using var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        byte[] Part(int count)
        {
            long start = output.Length;
            deflate.Write(zeros, 0, count);
            deflate.Flush(); // a sync flush: ends the block on a byte boundary
            return output.ToArray()[(int)start..];
        }
        return (Part(run), Part(run), remainder > 0 ? Part(remainder) : []);
    }

    // Bit-at-a-time CRC-32 (IEEE): test files are small, and this keeps the tests free of the product's internals.
    private static uint PngCrc(byte[] type, byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in type.Concat(data))
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
