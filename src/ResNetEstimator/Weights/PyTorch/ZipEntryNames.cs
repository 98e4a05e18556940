using System.IO.Compression;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Refuses zip directories torch.save never writes: entry names that climb out of the archive (<c>../</c>), are
/// absolute, use backslashes or NUL, or appear twice (two records under one name read differently by different
/// tools). We never extract to disk, but such names only come from tampered or broken files.
/// </summary>
internal static class ZipEntryNames
{
    public static void Check(ZipArchive archive, string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            string name = entry.FullName;
            if (name.Length == 0 || name[0] == '/' || name.Contains('\\') || name.Contains('\0') || name.Split('/').Contains(".."))
                throw new PyTorchCheckpointException(file,
                    $"the zip archive has an entry named '{PickleTypeNames.Shorten(name)}'; torch.save writes only relative names inside one folder, so the file was tampered with.");
            if (!seen.Add(name))
                throw new PyTorchCheckpointException(file, $"the zip archive holds two entries named '{PickleTypeNames.Shorten(name)}'.");
        }
    }
}
