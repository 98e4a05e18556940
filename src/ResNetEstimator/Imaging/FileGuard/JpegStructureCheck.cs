namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// Walks a JPEG's markers: the frame header (SOF) gives the size, each scan's entropy-coded data is skipped by
/// searching for the next marker, and the file must reach EOI. A SOF that lies about the size is refused before
/// any decoder allocates for it, and a file cut short (no EOI) is refused instead of decoding to a partial image.
/// </summary>
internal static class JpegStructureCheck
{
    private const byte StartOfImage = 0xD8, EndOfImage = 0xD9, StartOfScan = 0xDA;
    private const byte DefineHuffmanTables = 0xC4, Reserved = 0xC8, DefineArithmeticConditioning = 0xCC;

    // Every scan of a progressive JPEG passes over the whole image again, so thousands of tiny scans make a small
    // file cost minutes of CPU; real encoders write about ten.
    private const int MaxScans = 1_000;

    private const string EndExpected = "the next marker or EOI (a complete JPEG ends with EOI)";

    public static ImageHeaderFacts Check(HeaderReader reader, ImageFileLimits limits)
    {
        reader.Skip(2, "the JPEG start marker");
        ImageHeaderFacts? frame = null;
        int scans = 0;
        byte? pending = null;
        while (true)
        {
            byte marker = pending ?? NextMarker(reader);
            pending = null;
            if (marker == EndOfImage)
            {
                if (frame is null || scans == 0) throw new ImageRefusedException("is not a valid JPEG: it ends (EOI) before any image data.");
                return frame.Value;
            }
            if (marker is StartOfImage or 0x01 or >= 0xD0 and <= 0xD7) continue;
            int length = reader.ReadUInt16BigEndian("a segment length");
            if (length < 2) throw new ImageRefusedException($"is not a valid JPEG: marker 0x{marker:X2} has a segment length of {length}.");
            if (IsStartOfFrame(marker))
            {
                if (length < 8) throw new ImageRefusedException($"is not a valid JPEG: its frame header is {length} bytes long.");
                if (frame is null)
                {
                    frame = ReadFrameHeader(reader, marker, limits);
                    reader.Skip(length - 2 - 6, "the rest of the frame header");
                }
                else
                {
                    reader.Skip(length - 2, "a frame header");
                }
                continue;
            }
            reader.Skip(length - 2, $"the 0x{marker:X2} segment");
            if (marker != StartOfScan) continue;
            if (frame is null) throw new ImageRefusedException("is not a valid JPEG: image data (SOS) comes before the frame header (SOF).");
            if (++scans > MaxScans)
                throw new ImageRefusedException($"has more than {MaxScans:N0} scans; each scan re-reads the whole image, so it is not decoded.");
            pending = SkipEntropyCodedData(reader);
        }
    }

    private static ImageHeaderFacts ReadFrameHeader(HeaderReader reader, byte marker, ImageFileLimits limits)
    {
        // Baseline, extended and progressive Huffman coding are what both decoders read; lossless, hierarchical and
        // arithmetic-coded JPEGs are not.
        if (marker is not (0xC0 or 0xC1 or 0xC2))
            throw new ImageRefusedException(
                $"uses JPEG coding process SOF{marker - 0xC0} (lossless, hierarchical or arithmetic), which the decoders here do not read; " +
                "accepted: baseline, extended and progressive Huffman JPEG.");
        reader.Skip(1, "the sample precision");
        int height = reader.ReadUInt16BigEndian("the frame height");
        int width = reader.ReadUInt16BigEndian("the frame width");
        reader.Skip(1, "the component count");
        if (height == 0)
            throw new ImageRefusedException("is a JPEG whose height is only given after the image data (DNL), which the decoders here do not read.");
        PixelCap.Check(width, height, limits.MaxPixels, "its JPEG frame header (SOF)");
        return new ImageHeaderFacts(width, height, 1);
    }

    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not DefineHuffmanTables and not Reserved and not DefineArithmeticConditioning;

    private static byte NextMarker(HeaderReader reader)
    {
        // Decoders skip stray bytes between segments, so this does too.
        if (!reader.SkipToByte(0xFF)) throw reader.Truncated(EndExpected);
        byte marker;
        do marker = reader.ReadByte(EndExpected);
        while (marker == 0xFF);
        return marker;
    }

    // Inside entropy-coded data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; anything else ends it.
    private static byte SkipEntropyCodedData(HeaderReader reader)
    {
        while (true)
        {
            byte marker = NextMarker(reader);
            if (marker != 0x00 && marker is not (>= 0xD0 and <= 0xD7)) return marker;
        }
    }
}
