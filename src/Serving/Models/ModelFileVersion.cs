using System.Security.Cryptography;

namespace MlNetResNet.Serving.Models;

/// <summary>What identifies the content of a model file: its SHA-256 (first 12 hex digits) and write time.</summary>
public sealed record ModelFileVersion(string Hash, DateTimeOffset WriteTime)
{
    /// <summary>Hashes the file as it is now.</summary>
    public static ModelFileVersion Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        string hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        return new ModelFileVersion(hash, new DateTimeOffset(File.GetLastWriteTimeUtc(path)));
    }
}
