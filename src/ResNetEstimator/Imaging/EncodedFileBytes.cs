namespace MlNetResNet.Imaging;

/// <summary>Reads an image file's bytes for hashing; a file that cannot be read is left to the decoder to report.</summary>
internal static class EncodedFileBytes
{
    public static bool TryRead(string path, out ReadOnlyMemory<byte> bytes)
    {
        try
        {
            bytes = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bytes = default;
            return false;
        }
    }
}
