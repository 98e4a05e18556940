namespace MlNetResNet.Tests.Imaging;

/// <summary>
/// Writes JPEG files that ImageSharp 2.1's encoder cannot: Adobe CMYK and progressive. Each 8×8 block is one flat
/// colour, so a block is its DC coefficient alone (quantisation 1, AC all zero) and the whole encoder is a DC
/// difference coder with two tiny Huffman tables: 12 DC categories as 4-bit codes, and a 1-bit code for end-of-block.
/// </summary>
public static class FlatBlockJpeg
{
    /// <summary>Baseline CMYK with an Adobe APP14 marker (transform 0): samples stored inverted, as Photoshop writes them.</summary>
    public static byte[] AdobeCmyk(byte[,,] blocks) => Write(blocks, progressive: false, adobe: true);

    /// <summary>Progressive (SOF2): one interleaved DC scan, then one AC scan per component.</summary>
    /// <param name="blocks">[blockRow, blockColumn, component] samples; 1 component = gray, 3 = YCbCr.</param>
    public static byte[] Progressive(byte[,,] blocks) => Write(blocks, progressive: true, adobe: false);

    private static byte[] Write(byte[,,] blocks, bool progressive, bool adobe)
    {
        int rows = blocks.GetLength(0), columns = blocks.GetLength(1), components = blocks.GetLength(2);
        var output = new MemoryStream();
        Marker(output, 0xD8);
        if (adobe)
            Segment(output, 0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 0]);
        Segment(output, 0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
        var frame = new List<byte> { 8, (byte)(rows * 8 >> 8), (byte)(rows * 8), (byte)(columns * 8 >> 8), (byte)(columns * 8), (byte)components };
        for (int c = 0; c < components; c++) frame.AddRange([(byte)(c + 1), 0x11, 0]);
        Segment(output, progressive ? (byte)0xC2 : (byte)0xC0, [.. frame]);
        var dcBits = new byte[16];
        dcBits[3] = 12;
        Segment(output, 0xC4, [0x00, .. dcBits, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        var acBits = new byte[16];
        acBits[0] = 1;
        Segment(output, 0xC4, [0x10, .. acBits, 0x00]);

        if (!progressive)
        {
            Scan(output, Enumerable.Range(0, components), 0, 63, writer => WriteBlocks(writer, blocks, Enumerable.Range(0, components), withEndOfBlock: true));
        }
        else
        {
            Scan(output, Enumerable.Range(0, components), 0, 0, writer => WriteBlocks(writer, blocks, Enumerable.Range(0, components), withEndOfBlock: false));
            for (int c = 0; c < components; c++)
            {
                // An AC first scan where every block is an end-of-band run of one: the symbol 0x00, our 1-bit code 0.
                Scan(output, [c], 1, 63, writer =>
                {
                    for (int block = 0; block < rows * columns; block++) writer.Write(0, 1);
                });
            }
        }
        Marker(output, 0xD9);
        return output.ToArray();
    }

    private static void WriteBlocks(BitWriter writer, byte[,,] blocks, IEnumerable<int> components, bool withEndOfBlock)
    {
        var previous = new int[blocks.GetLength(2)];
        for (int row = 0; row < blocks.GetLength(0); row++)
        for (int column = 0; column < blocks.GetLength(1); column++)
        foreach (int c in components)
        {
            // A flat block of level-shifted value s has DC = 8·s.
            int dc = 8 * (blocks[row, column, c] - 128);
            int difference = dc - previous[c];
            previous[c] = dc;
            int category = difference == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(difference));
            writer.Write(category, 4);
            if (category > 0) writer.Write(difference > 0 ? difference : difference + (1 << category) - 1, category);
            if (withEndOfBlock) writer.Write(0, 1);
        }
    }

    private static void Scan(MemoryStream output, IEnumerable<int> components, int start, int end, Action<BitWriter> body)
    {
        var header = new List<byte>();
        var list = components.ToList();
        header.Add((byte)list.Count);
        foreach (int c in list) header.AddRange([(byte)(c + 1), 0x00]);
        header.AddRange([(byte)start, (byte)end, 0]);
        Segment(output, 0xDA, [.. header]);
        var writer = new BitWriter(output);
        body(writer);
        writer.Flush();
    }

    private static void Marker(Stream output, byte code)
    {
        output.WriteByte(0xFF);
        output.WriteByte(code);
    }

    private static void Segment(Stream output, byte code, byte[] payload)
    {
        Marker(output, code);
        output.WriteByte((byte)((payload.Length + 2) >> 8));
        output.WriteByte((byte)(payload.Length + 2));
        output.Write(payload);
    }

    /// <summary>Entropy-coded bits, most significant first, with 0xFF byte stuffing and 1-bit padding.</summary>
    private sealed class BitWriter(Stream output)
    {
        private int buffer;
        private int count;

        public void Write(int value, int bits)
        {
            for (int bit = bits - 1; bit >= 0; bit--)
            {
                buffer = (buffer << 1) | ((value >> bit) & 1);
                if (++count == 8) Emit();
            }
        }

        public void Flush()
        {
            while (count != 0) Write(1, 1);
        }

        private void Emit()
        {
            output.WriteByte((byte)buffer);
            if (buffer == 0xFF) output.WriteByte(0);
            buffer = 0;
            count = 0;
        }
    }
}
