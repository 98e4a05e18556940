namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// Reads a BMP's file and DIB headers: the width must be positive and the size within what SkiaSharp decodes, the
/// pixel format one both decoders read, and an uncompressed file must hold every row its header promises.
/// </summary>
internal static class BmpStructureCheck
{
    /// <summary>
    /// Both SkiaSharp (Microsoft.ML.ImageAnalytics 5.0.1) and ImageSharp 2.1 refuse a BMP side above 65,535
    /// (measured: SkiaSharp then fails with "Invalid path"); the header itself allows 2^31-1.
    /// </summary>
    public const int MaxSide = ushort.MaxValue;

    private const int CoreHeaderSize = 12;

    public static ImageHeaderFacts Check(HeaderReader reader, ImageFileLimits limits)
    {
        reader.Skip(2 + 4 + 4, "the BMP file header");
        long dataOffset = reader.ReadUInt32LittleEndian("the BMP pixel data offset");
        uint headerSize = reader.ReadUInt32LittleEndian("the BMP info header size");
        long width, height;
        int bitsPerPixel;
        uint compression = 0;
        if (headerSize == CoreHeaderSize)
        {
            width = reader.ReadUInt16LittleEndian("the BMP width");
            height = reader.ReadUInt16LittleEndian("the BMP height");
            reader.Skip(2, "the BMP plane count");
            bitsPerPixel = reader.ReadUInt16LittleEndian("the BMP bit count");
        }
        else if (headerSize is 40 or 52 or 56 or 64 or 108 or 124)
        {
            width = (int)reader.ReadUInt32LittleEndian("the BMP width");
            height = (int)reader.ReadUInt32LittleEndian("the BMP height");
            reader.Skip(2, "the BMP plane count");
            bitsPerPixel = reader.ReadUInt16LittleEndian("the BMP bit count");
            compression = reader.ReadUInt32LittleEndian("the BMP compression");
        }
        else
        {
            throw new ImageRefusedException($"is not a BMP the decoders here read: info header of {headerSize} bytes.");
        }

        // A negative height means rows stored top-down; a negative width means nothing.
        long rows = Math.Abs(height);
        if (width <= 0 || height == 0)
            throw new ImageRefusedException($"is not a valid BMP: its header gives the size {width}x{height}.");
        if (width > MaxSide || rows > MaxSide)
            throw new ImageRefusedException(
                $"is a BMP of {width}x{rows} pixels; SkiaSharp and ImageSharp read BMP sides up to {MaxSide:N0} only.");
        PixelCap.Check(width, rows, limits.MaxPixels, "its BMP header");
        if (bitsPerPixel is not (1 or 2 or 4 or 8 or 16 or 24 or 32))
            throw new ImageRefusedException($"is not a valid BMP: {bitsPerPixel} bits per pixel.");
        if (compression is 4 or 5)
            throw new ImageRefusedException("is a BMP wrapping JPEG or PNG data, which the decoders here do not read.");
        if (compression is not (0 or 1 or 2 or 3 or 6))
            throw new ImageRefusedException($"is not a BMP the decoders here read: compression type {compression}.");
        if (dataOffset > reader.Length)
            throw new ImageRefusedException($"is truncated: its pixel data should start at byte {dataOffset:N0}, past the end ({reader.Length:N0}).");
        bool uncompressed = compression is 0 or 3 or 6;
        long rowBytes = (width * bitsPerPixel + 31) / 32 * 4;
        if (uncompressed && dataOffset + rowBytes * rows > reader.Length)
            throw new ImageRefusedException(
                $"is truncated: {rows:N0} rows of {rowBytes:N0} bytes from byte {dataOffset:N0} need {dataOffset + rowBytes * rows:N0} bytes, the file has {reader.Length:N0}.");
        return new ImageHeaderFacts((int)width, (int)rows, 1);
    }
}
