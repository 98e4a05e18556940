namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// Walks a GIF's blocks to the trailer: the logical screen and every frame's size against the pixel cap, the
/// frame count against the frame cap (the walk stops as soon as it is exceeded), every extension's sub-blocks
/// (a comment whose lengths run past the end is refused), and the first frame's LZW code stream, the only one
/// that is decoded.
/// </summary>
internal static class GifStructureCheck
{
    private const byte ExtensionIntroducer = 0x21, ImageSeparator = 0x2C, Trailer = 0x3B;
    private const int HeaderLength = 6;

    public static ImageHeaderFacts Check(HeaderReader reader, ImageFileLimits limits)
    {
        reader.Skip(HeaderLength, "the GIF header");
        int width = reader.ReadUInt16LittleEndian("the logical screen width");
        int height = reader.ReadUInt16LittleEndian("the logical screen height");
        byte packed = reader.ReadByte("the logical screen flags");
        reader.Skip(2, "the logical screen descriptor");
        PixelCap.Check(width, height, limits.MaxPixels, "its GIF logical screen");
        if ((packed & 0x80) != 0) reader.Skip(ColorTableBytes(packed), "the global colour table");

        int frames = 0;
        while (true)
        {
            byte block = reader.ReadByte("another block or the trailer (a complete GIF ends with 0x3B)");
            switch (block)
            {
                case Trailer:
                    if (frames == 0) throw new ImageRefusedException("is not a valid GIF: it has no image.");
                    return new ImageHeaderFacts(width, height, frames);
                case ExtensionIntroducer:
                    reader.Skip(1, "an extension label");
                    SkipSubBlocks(reader, "an extension's data sub-blocks");
                    break;
                case ImageSeparator:
                    if (++frames > limits.MaxFrames)
                        throw new ImageRefusedException(
                            $"is an animated GIF with more than {limits.MaxFrames:N0} frames (MaxFrames); not decoded.");
                    ReadFrame(reader, limits, frames);
                    break;
                default:
                    throw new ImageRefusedException($"is not a valid GIF: unknown block 0x{block:X2} at byte {reader.Position - 1:N0}.");
            }
        }
    }

    private static void ReadFrame(HeaderReader reader, ImageFileLimits limits, int frame)
    {
        reader.Skip(4, "a frame's position");
        int width = reader.ReadUInt16LittleEndian("a frame's width");
        int height = reader.ReadUInt16LittleEndian("a frame's height");
        byte packed = reader.ReadByte("a frame's flags");
        PixelCap.Check(width, height, limits.MaxPixels, $"its GIF frame {frame}");
        if ((packed & 0x80) != 0) reader.Skip(ColorTableBytes(packed), "a local colour table");
        byte minimumCodeSize = reader.ReadByte("a frame's LZW code size");
        if (minimumCodeSize is < 2 or > 8)
            throw new ImageRefusedException($"is not a valid GIF: frame {frame} has LZW code size {minimumCodeSize} (the format allows 2 to 8).");
        if (frame == 1)
        {
            var problem = GifLzwCheck.Check(reader, minimumCodeSize);
            if (problem is not null) throw new ImageRefusedException($"is not a valid GIF: frame 1 {problem}");
        }
        else
        {
            SkipSubBlocks(reader, "a frame's image data sub-blocks");
        }
    }

    private static int ColorTableBytes(byte packed) => 3 << ((packed & 0x07) + 1);

    public static void SkipSubBlocks(HeaderReader reader, string what)
    {
        while (true)
        {
            byte size = reader.ReadByte(what);
            if (size == 0) return;
            reader.Skip(size, what);
        }
    }
}
