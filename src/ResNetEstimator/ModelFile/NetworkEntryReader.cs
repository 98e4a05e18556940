using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace MlNetResNet.ModelFile;

/// <summary>Reads the <see cref="NetworkEntries"/> of a model.zip, with one clear error for each way they can be absent.</summary>
internal static class NetworkEntryReader
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Not a zip, no network entries (an older model.zip), several, or a damaged one.</exception>
    public static NetworkDescription ReadDescription(string modelPath)
    {
        using var zip = Open(modelPath);
        return Description(zip, modelPath);
    }

    /// <summary>The description and the <c>.pth</c> bytes of the weights.</summary>
    public static (NetworkDescription Description, byte[] Weights) Read(string modelPath)
    {
        using var zip = Open(modelPath);
        var description = Description(zip, modelPath);
        var entry = Single(zip, modelPath, NetworkEntries.WeightsEntryName);
        using var stream = entry.Open();
        var weights = new byte[entry.Length];
        stream.ReadExactly(weights);
        return (description, weights);
    }

    private static ZipArchive Open(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Model file '{modelPath}' does not exist.", modelPath);
        try
        {
            return ZipFile.OpenRead(modelPath);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"Model file '{modelPath}' is not a zip archive (an ML.NET model.zip): {error.Message}", error);
        }
    }

    private static NetworkDescription Description(ZipArchive zip, string modelPath)
    {
        var entry = Single(zip, modelPath, NetworkEntries.DescriptionEntryName);
        NetworkDescription? description;
        try
        {
            using var stream = entry.Open();
            description = JsonSerializer.Deserialize<NetworkDescription>(stream, NetworkEntries.Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Model file '{modelPath}': entry '{entry.FullName}' is not valid JSON ({error.Message}).", error);
        }
        if (description is null || description.Format != NetworkDescription.CurrentFormat)
            throw new InvalidDataException(
                $"Model file '{modelPath}': entry '{entry.FullName}' has format {description?.Format.ToString(CultureInfo.InvariantCulture) ?? "null"}; " +
                $"this version reads format {NetworkDescription.CurrentFormat}.");
        return description;
    }

    private static ZipArchiveEntry Single(ZipArchive zip, string modelPath, string name)
    {
        var entries = zip.Entries.Where(entry => entry.Name == name).ToList();
        return entries.Count switch
        {
            1 => entries[0],
            0 => throw new InvalidDataException(
                $"Model file '{modelPath}' carries no trainable network (no '{name}' entry): it was saved by a version of " +
                "this library that did not write one, or re-saved from Model.Load, which keeps only ML.NET's own parts. " +
                "Train it again with this version to train on from it or explain its predictions."),
            _ => throw new InvalidDataException(
                $"Model file '{modelPath}' holds {entries.Count} '{name}' entries (several ResNet classifiers); it needs exactly one."),
        };
    }
}
