namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// Walks a PNG's chunks without inflating any: IHDR first (the size), at least one IDAT, and IEND before the file
/// ends. Chunk data is skipped by its declared length, so a decompression bomb costs no more than its file size.
/// </summary>
internal static class PngStructureCheck
{
    private const uint Ihdr = 0x49484452, Idat = 0x49444154, Iend = 0x49454E44;
    private const int SignatureLength = 8;

    /// <summary>
    /// SkiaSharp's PNG decoder (libpng with its default user limit) refuses a side above 1,000,000 (measured with
    /// Microsoft.ML.ImageAnalytics 5.0.1); ImageSharp reads it, so training would see an image serving cannot.
    /// </summary>
    public const int MaxSide = 1_000_000;

    public static ImageHeaderFacts Check(HeaderReader reader, ImageFileLimits limits)
    {
        reader.Skip(SignatureLength, "the PNG signature");
        uint length = reader.ReadUInt32BigEndian("the IHDR chunk");
        uint type = reader.ReadUInt32BigEndian("the IHDR chunk");
        if (type != Ihdr || length != 13)
            throw new ImageRefusedException("is not a valid PNG: the first chunk is not a 13-byte IHDR.");
        uint width = reader.ReadUInt32BigEndian("the IHDR width");
        uint height = reader.ReadUInt32BigEndian("the IHDR height");
        byte bitDepth = reader.ReadByte("the IHDR bit depth");
        byte colorType = reader.ReadByte("the IHDR colour type");
        reader.Skip(3 + 4, "the rest of IHDR");
        if (width > int.MaxValue || height > int.MaxValue)
            throw new ImageRefusedException($"is not a valid PNG: IHDR size {width}x{height} is beyond the format's 2^31-1.");
        if (width > MaxSide || height > MaxSide)
            throw new ImageRefusedException(
                $"is a PNG of {width}x{height} pixels; the saved model's decoder (SkiaSharp) reads PNG sides up to {MaxSide:N0} only.");
        PixelCap.Check(width, height, limits.MaxPixels, "its PNG header");
        if (!IsValidDepth(colorType, bitDepth))
            throw new ImageRefusedException($"is not a valid PNG: colour type {colorType} with bit depth {bitDepth}.");

        bool sawImageData = false;
        while (true)
        {
            length = reader.ReadUInt32BigEndian("another chunk or the IEND chunk (a complete PNG ends with IEND)");
            type = reader.ReadUInt32BigEndian("a chunk type");
            if (length > int.MaxValue)
                throw new ImageRefusedException($"is not a valid PNG: a chunk claims {length:N0} bytes, beyond the format's 2^31-1.");
            if (type == Iend)
            {
                if (!sawImageData) throw new ImageRefusedException("is not a valid PNG: it has no image data (IDAT) before IEND.");
                return new ImageHeaderFacts((int)width, (int)height, 1);
            }
            sawImageData |= type == Idat;
            reader.Skip(length + 4L, $"{length:N0} bytes of chunk data and its CRC");
        }
    }

    private static bool IsValidDepth(byte colorType, byte bitDepth) => colorType switch
    {
        0 => bitDepth is 1 or 2 or 4 or 8 or 16,
        3 => bitDepth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => bitDepth is 8 or 16,
        _ => false,
    };
}
