using Microsoft.ML.Data;

namespace MlNetResNet.Pipelines.Scoring;

/// <summary>
/// The one place where <see cref="ModelZipScorer"/> opens and decodes an image: a file or encoded bytes become an
/// <see cref="MLImage"/> through the same Skia decoder ML.NET's <c>LoadImages</c> uses, so the pixels match what a
/// loaded model.zip sees. Checks on untrusted input (size caps, accepted formats) belong here.
/// </summary>
internal static class ScoringImageDecoder
{
    /// <summary>Decodes the file at <paramref name="imagePath"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file cannot be read or is not a decodable image (the message names it).</exception>
    public static MLImage DecodeFile(string imagePath)
    {
        if (!File.Exists(imagePath)) throw new FileNotFoundException($"Image '{imagePath}' does not exist.", imagePath);
        try
        {
            using var stream = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return Decode(stream, imagePath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Image '{imagePath}' cannot be read: {error.Message}", error);
        }
    }

    /// <summary>Decodes an encoded image (JPEG, PNG, …) held in memory; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a decodable image.</exception>
    public static MLImage DecodeBytes(ReadOnlyMemory<byte> encoded, string name)
    {
        if (encoded.IsEmpty) throw new InvalidDataException($"Image '{name}' is empty (0 bytes).");
        using var stream = AsStream(encoded);
        return Decode(stream, name);
    }

    private static MLImage Decode(Stream stream, string name)
    {
        try
        {
            return MLImage.CreateFromStream(stream);
        }
        catch (ArgumentException error)
        {
            // MLImage says only "Invalid input stream contents".
            throw new InvalidDataException($"Image '{name}' is not a decodable image (Skia could not decode it).", error);
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidDataException($"Image '{name}' has a pixel format ML.NET cannot convert: {error.Message}", error);
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> encoded) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(encoded, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(encoded.ToArray(), writable: false);
}
