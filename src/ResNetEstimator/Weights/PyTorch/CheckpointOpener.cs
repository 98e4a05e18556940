namespace MlNetResNet.Weights.PyTorch;

/// <summary>Opens a <c>.pth</c> file, telling the zip format from the legacy one by its first bytes.</summary>
internal static class CheckpointOpener
{
    public static CheckpointFile Open(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"PyTorch checkpoint '{path}' does not exist.", path);
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PyTorchCheckpointException(path, $"the file cannot be opened ({e.Message})", e);
        }
        return Open(path, stream);
    }

    /// <summary>Reads a checkpoint from a seekable <paramref name="stream"/> (owned from here on); <paramref name="name"/> names it in errors.</summary>
    public static CheckpointFile Open(string name, Stream stream)
    {
        if (stream.Length == 0)
        {
            stream.Dispose();
            throw new PyTorchCheckpointException(name, "the file is empty (0 bytes).");
        }
        if (StartsWithZipSignature(stream)) return ZipCheckpointReader.Open(name, stream);
        return LegacyCheckpointReader.Open(name, stream);
    }

    private static bool StartsWithZipSignature(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        // "PK\3\4" opens an archive with entries; "PK\5\6" an empty one.
        return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }
}
