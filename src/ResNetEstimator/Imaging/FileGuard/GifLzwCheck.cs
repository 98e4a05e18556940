namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// Follows a GIF frame's LZW code stream without producing pixels: every code must be a colour, a control code or
/// an entry the table already has (or the one being built). Decoders differ on corrupt codes (one throws, one
/// returns a partial image), so a corrupt first frame is refused for both. Work and memory are bounded by the
/// frame's compressed size; nothing is allocated.
/// </summary>
internal static class GifLzwCheck
{
    private const int MaxCodeSize = 12;
    private const int TableSize = 1 << MaxCodeSize;

    /// <summary>Reads the frame's data sub-blocks to their terminator; returns the problem, or null when the codes are sound.</summary>
    public static string? Check(HeaderReader reader, int minimumCodeSize)
    {
        int clear = 1 << minimumCodeSize, endOfInformation = clear + 1;
        int nextCode = endOfInformation + 1, codeSize = minimumCodeSize + 1;
        bool hasPrevious = false, ended = false;
        int bits = 0, bitCount = 0;
        string? problem = null;
        while (true)
        {
            byte blockSize = reader.ReadByte("a frame's image data sub-blocks");
            if (blockSize == 0) return problem;
            for (int i = 0; i < blockSize; i++)
            {
                byte value = reader.ReadByte("a frame's image data sub-blocks");
                if (ended || problem is not null) continue;
                bits |= value << bitCount;
                bitCount += 8;
                while (bitCount >= codeSize)
                {
                    int code = bits & ((1 << codeSize) - 1);
                    bits >>= codeSize;
                    bitCount -= codeSize;
                    if (code == clear)
                    {
                        nextCode = endOfInformation + 1;
                        codeSize = minimumCodeSize + 1;
                        hasPrevious = false;
                        continue;
                    }
                    if (code == endOfInformation)
                    {
                        ended = true;
                        break;
                    }
                    if (!hasPrevious)
                    {
                        if (code > endOfInformation)
                        {
                            problem = $"has corrupt LZW data: code {code} where a colour index was expected.";
                            break;
                        }
                        hasPrevious = true;
                        continue;
                    }
                    if (code > nextCode)
                    {
                        problem = $"has corrupt LZW data: code {code} before code {nextCode} was defined.";
                        break;
                    }
                    if (nextCode < TableSize && ++nextCode == 1 << codeSize && codeSize < MaxCodeSize) codeSize++;
                }
            }
        }
    }
}
