using System.Security.Cryptography;

namespace MlNetResNet.Training;

/// <summary>
/// The commit marker of a checkpoint folder: the files the folder must hold, with their sizes and SHA-256 hashes.
/// It is written last, so a folder without it was interrupted; the hashes catch a file damaged after the commit.
/// </summary>
internal sealed record CheckpointManifest
{
    public List<CheckpointFileEntry> Files { get; init; } = new();

    public static CheckpointFileEntry Describe(string path)
    {
        using var stream = File.OpenRead(path);
        return new CheckpointFileEntry(Path.GetFileName(path), stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>Checks every listed file against its size and hash.</summary>
    /// <exception cref="InvalidDataException">A file is missing or differs; the message names the file.</exception>
    public void Verify(string folder)
    {
        foreach (var expected in Files)
        {
            string path = Path.Combine(folder, expected.Name);
            if (!File.Exists(path))
                throw new InvalidDataException($"Checkpoint '{folder}' is committed but '{expected.Name}' is missing.");
            var actual = Describe(path);
            if (actual != expected)
                throw new InvalidDataException(
                    $"Checkpoint file '{path}' is damaged: {actual.Bytes} bytes with SHA-256 {actual.Sha256}, but it was committed " +
                    $"with {expected.Bytes} bytes and SHA-256 {expected.Sha256}.");
        }
    }
}
