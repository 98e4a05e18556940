using System.Buffers.Binary;

namespace MlNetResNet.Tests.Hostile;

/// <summary>Writes 24-bit BMP files with whatever width the header should claim.</summary>
internal static class BmpFileWriter
{
    /// <summary>A BMP (BITMAPINFOHEADER) claiming <paramref name="width"/>x<paramref name="height"/>; <paramref name="rowsWritten"/> rows of data follow.</summary>
    public static void Write(string path, int width, int height, int rowsWritten)
    {
        const int headersLength = 14 + 40;
        long rowBytes = ((long)Math.Abs(width) * 24 + 31) / 32 * 4;
        var header = new byte[headersLength];
        header[0] = (byte)'B';
        header[1] = (byte)'M';
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(2), (uint)(headersLength + rowBytes * rowsWritten));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(10), headersLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), 24);
        using var file = File.Create(path);
        file.Write(header);
        if (rowsWritten == 0) return;
        var row = new byte[rowBytes];
        for (int i = 0; i < rowsWritten; i++) file.Write(row);
    }
}
