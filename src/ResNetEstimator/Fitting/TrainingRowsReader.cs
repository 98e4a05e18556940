using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;
using MlNetResNet.Models;
using MlNetResNet.Scoring;

namespace MlNetResNet.Fitting;

/// <summary>
/// Scans an IDataView once and keeps, per row, its class and a way to get its image again: the file path (path
/// columns, and MLImages that LoadImages tagged with their file) or a pixel copy of an MLImage
/// that has no file. Images are decoded later, on the trainer's workers, with the one ImageSharp decoding path.
/// </summary>
internal static class TrainingRowsReader
{
    /// <param name="rowPrefix">How rows are named in errors: "row" for the training data, "validation row" for a validation set.</param>
    public static DataViewImageSource Read(IDataView data, ResNetClassifierOptions options, ImageColumnKind kind, string rowPrefix)
    {
        var label = data.Schema[options.LabelColumnName];
        var image = data.Schema[options.ImageColumnName];
        var payloads = new List<ImagePayload>();
        var labels = new List<int>();
        var descriptions = new List<string>();
        using var cursor = data.GetRowCursor([label, image]);
        var getLabel = cursor.GetGetter<uint>(label);
        using var readImage = ImageReader(cursor, image, kind, options);
        uint key = 0;
        while (cursor.MoveNext())
        {
            string row = $"{rowPrefix} {cursor.Position}";
            getLabel(ref key);
            if (key == 0)
                throw new InvalidDataException(
                    $"{Capitalized(row)} of label column '{label.Name}' has no class: its value is not among the key values.");
            var (payload, where) = readImage.Read();
            payloads.Add(payload);
            labels.Add((int)key - 1);
            descriptions.Add(where is null ? row : $"{row} ({where})");
        }
        return new DataViewImageSource(payloads, labels, descriptions, options.MaxImagePixels);
    }

    private static IRowImageReader ImageReader(
        DataViewRowCursor cursor, DataViewSchema.Column image, ImageColumnKind kind, ResNetClassifierOptions options) => kind switch
    {
        ImageColumnKind.Path => new PathReader(cursor.GetGetter<ReadOnlyMemory<char>>(image), options.ImageFolder,
            new ImageFileLimits { MaxPixels = options.MaxImagePixels }),
        ImageColumnKind.Image => new MLImageReader(cursor.GetGetter<MLImage>(image), options.MaxImagePixels),
        _ => throw UnknownEnumValue.Error(nameof(ImageColumnKind), kind),
    };

    /// <summary>Reads the current row's image column into a payload and, when known, the file it came from.</summary>
    private interface IRowImageReader : IDisposable
    {
        (ImagePayload Payload, string? Where) Read();
    }

    private sealed class PathReader(ValueGetter<ReadOnlyMemory<char>> getPath, string? imageFolder, ImageFileLimits limits) : IRowImageReader
    {
        private ReadOnlyMemory<char> value;

        public (ImagePayload, string?) Read()
        {
            getPath(ref value);
            string path = value.ToString();
            if (string.IsNullOrWhiteSpace(path))
                return (new UnreadableImagePayload("has an empty image path."), null);
            // The same rule as LoadImages, so training reads the files the saved model will read.
            string full = string.IsNullOrWhiteSpace(imageFolder) ? path : Path.Combine(imageFolder, path);
            // Checked now, before the validation pass hands the file to LoadImages (Skia, no size limit).
            var verdict = ImageFileGuard.Inspect(full, limits);
            return verdict.IsAccepted
                ? (new FileImagePayload(full), full)
                : (new UnreadableImagePayload($"refused: {verdict.Problem}"), full);
        }

        public void Dispose()
        {
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Reads MLImages (decoded by LoadImages' getter) and keeps their file or a pixel copy.</summary>
    private sealed class MLImageReader(ValueGetter<MLImage> getImage, long maxImagePixels) : IRowImageReader
    {
        private MLImage? current;

        public (ImagePayload, string?) Read()
        {
            try
            {
                // ML.NET's getter takes the previous value (null at first) and replaces it.
                getImage(ref current!);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                // LoadImages throws for a missing or undecodable file; the trainer's policy decides what happens.
                current = null;
                return (new UnreadableImagePayload($"cannot be loaded ({e.Message})"), null);
            }
            if (current is null)
                return (new UnreadableImagePayload("has no image (an empty path in LoadImages)."), null);
            if (current.Tag is { Length: > 0 } tag && File.Exists(tag))
                return (new FileImagePayload(tag), tag);
            return (CopyPixels(current), null);
        }

        public void Dispose() => current?.Dispose();

        private ImagePayload CopyPixels(MLImage image)
        {
            long pixels = (long)image.Width * image.Height;
            if (pixels > maxImagePixels)
                return new UnreadableImagePayload(
                    $"is {image.Width}x{image.Height} = {pixels:N0} pixels, above the limit of {maxImagePixels:N0} (MaxImagePixels).");
            using Image source = image.PixelFormat switch
            {
                MLPixelFormat.Bgra32 => Image.LoadPixelData<Bgra32>(ImagingConfiguration.SingleThreaded, image.Pixels, image.Width, image.Height),
                MLPixelFormat.Rgba32 => Image.LoadPixelData<Rgba32>(ImagingConfiguration.SingleThreaded, image.Pixels, image.Width, image.Height),
                _ => throw new NotSupportedException(
                    $"MLImage pixel format {image.PixelFormat} is not supported; accepted: {MLPixelFormat.Bgra32}, {MLPixelFormat.Rgba32}."),
            };
            return new DecodedImagePayload(source.CloneAs<Rgb24>(ImagingConfiguration.SingleThreaded));
        }
    }
}
