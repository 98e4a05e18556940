using System.Buffers.Binary;

namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// Walks a WebP's RIFF chunks: the size from the VP8, VP8L or VP8X header, every chunk within the declared RIFF
/// size, the file at least that long, and no animation (ImageSharp 2.1, which training decodes with, cannot
/// decode an animated WebP, so such a file would train on nothing and score on its first frame).
/// </summary>
internal static class WebPStructureCheck
{
    private const uint Vp8 = 0x56503820, Vp8L = 0x5650384C, Vp8X = 0x56503858, Anim = 0x414E494D, Anmf = 0x414E4D46;
    private const byte AnimationFlag = 0x02;

    public static ImageHeaderFacts Check(HeaderReader reader, ImageFileLimits limits)
    {
        reader.Skip(4, "the RIFF signature");
        long riffEnd = 8L + reader.ReadUInt32LittleEndian("the RIFF size");
        reader.Skip(4, "the WEBP signature");
        if (riffEnd > reader.Length)
            throw new ImageRefusedException($"is truncated: its RIFF header declares {riffEnd:N0} bytes, the file has {reader.Length:N0}.");

        ImageHeaderFacts? canvas = null;
        bool hasImage = false;
        while (reader.Position + 8 <= riffEnd)
        {
            uint fourCc = reader.ReadUInt32BigEndian("a WebP chunk header");
            long size = reader.ReadUInt32LittleEndian("a WebP chunk size");
            long padded = size + (size & 1);
            if (reader.Position + padded > riffEnd)
                throw new ImageRefusedException($"is truncated: a '{FourCc(fourCc)}' chunk of {size:N0} bytes runs past the end of the RIFF data.");
            long chunkStart = reader.Position;
            if (fourCc is Anim or Anmf)
                throw new ImageRefusedException("is an animated WebP; ImageSharp 2.1 (the training decoder) cannot decode it. Save its first frame as a still image.");
            if (fourCc is Vp8X && canvas is null)
            {
                canvas = ReadExtendedHeader(reader, size, limits);
            }
            else if (fourCc is Vp8 or Vp8L)
            {
                var image = fourCc == Vp8 ? ReadLossyHeader(reader, size) : ReadLosslessHeader(reader, size);
                PixelCap.Check(image.Width, image.Height, limits.MaxPixels, "its WebP image header");
                canvas ??= image;
                hasImage = true;
            }
            reader.Skip(chunkStart + padded - reader.Position, "the rest of a WebP chunk");
        }
        if (!hasImage || canvas is null) throw new ImageRefusedException("is not a valid WebP: it holds no VP8 or VP8L image data.");
        return canvas.Value;
    }

    private static ImageHeaderFacts ReadExtendedHeader(HeaderReader reader, long size, ImageFileLimits limits)
    {
        if (size < 10) throw new ImageRefusedException($"is not a valid WebP: its VP8X chunk is {size} bytes long.");
        Span<byte> header = stackalloc byte[10];
        reader.ReadExactly(header, "the VP8X header");
        if ((header[0] & AnimationFlag) != 0)
            throw new ImageRefusedException("is an animated WebP; ImageSharp 2.1 (the training decoder) cannot decode it. Save its first frame as a still image.");
        int width = 1 + (header[4] | header[5] << 8 | header[6] << 16);
        int height = 1 + (header[7] | header[8] << 8 | header[9] << 16);
        PixelCap.Check(width, height, limits.MaxPixels, "its WebP canvas (VP8X)");
        return new ImageHeaderFacts(width, height, 1);
    }

    private static ImageHeaderFacts ReadLossyHeader(HeaderReader reader, long size)
    {
        if (size < 10) throw new ImageRefusedException($"is not a valid WebP: its VP8 chunk is {size} bytes long.");
        Span<byte> header = stackalloc byte[10];
        reader.ReadExactly(header, "the VP8 frame header");
        if ((header[0] & 1) != 0 || header[3] != 0x9D || header[4] != 0x01 || header[5] != 0x2A)
            throw new ImageRefusedException("is not a valid WebP: its VP8 data does not start with a key frame.");
        int width = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]) & 0x3FFF;
        int height = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) & 0x3FFF;
        return new ImageHeaderFacts(width, height, 1);
    }

    private static ImageHeaderFacts ReadLosslessHeader(HeaderReader reader, long size)
    {
        if (size < 5) throw new ImageRefusedException($"is not a valid WebP: its VP8L chunk is {size} bytes long.");
        if (reader.ReadByte("the VP8L signature") != 0x2F)
            throw new ImageRefusedException("is not a valid WebP: its VP8L chunk lacks the 0x2F signature.");
        uint bits = reader.ReadUInt32LittleEndian("the VP8L size");
        return new ImageHeaderFacts(1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF), 1);
    }

    private static string FourCc(uint value) => new([(char)(value >> 24), (char)(value >> 16 & 0xFF), (char)(value >> 8 & 0xFF), (char)(value & 0xFF)]);
}
