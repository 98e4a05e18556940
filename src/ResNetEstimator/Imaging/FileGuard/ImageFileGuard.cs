using MlNetResNet.Imaging.FileGuard;
using MlNetResNet.Imaging;

namespace MlNetResNet;

/// <summary>
/// Decides whether an image file may be handed to a decoder, before any decoder allocates pixels. It reads only
/// the file's structure, through a 64 KiB buffer, in one forward pass: the byte size, the format from the first
/// bytes, the width and height from the header (against the pixel cap), the frames of a GIF (against the frame
/// cap), and the end marker of formats that have one (a cut-short file is refused, not decoded to a partial image).
/// </summary>
/// <remarks>
/// Accepted formats are those both decoders read: SkiaSharp, which ML.NET's <c>LoadImages</c> in a saved
/// model.zip uses, and ImageSharp, which training uses: JPEG, PNG, GIF (first frame), BMP and still WebP.
/// TIFF, TGA, Netpbm, icons, HEIF and anything unrecognised are refused, because a model must never be trained on a
/// file type that the saved model cannot decode in production. See docs/RELIABILITY.md, section Images.
/// </remarks>
public static class ImageFileGuard
{
    /// <summary>The formats accepted, in the order messages list them.</summary>
    public static IReadOnlyList<ImageFileFormat> AcceptedFormats { get; } =
        [ImageFileFormat.Jpeg, ImageFileFormat.Png, ImageFileFormat.Gif, ImageFileFormat.Bmp, ImageFileFormat.WebP];

    private static string AcceptedList => "JPEG, PNG, GIF, BMP and WebP";

    /// <summary>Inspects an image file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="limits">The limits; null uses <see cref="ImageFileLimits.Default"/>.</param>
    public static ImageFileVerdict Inspect(string path, ImageFileLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ImageFileLimits.Default;
        limits.Validate();
        if (string.IsNullOrWhiteSpace(path)) return Refused(path, ImageFileFormat.Unknown, "has an empty path.");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Refused(path, ImageFileFormat.Unknown, "does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Refused(path, ImageFileFormat.Unknown, $"cannot be read ({e.Message}).");
        }
        using (stream)
        {
            return Inspect(stream, path, limits);
        }
    }

    /// <summary>Inspects encoded image bytes (e.g. a <c>LoadRawImageBytes</c> column).</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="source">How the bytes are named in the verdict, e.g. "row 12".</param>
    /// <param name="limits">The limits; null uses <see cref="ImageFileLimits.Default"/>.</param>
    public static ImageFileVerdict Inspect(ReadOnlyMemory<byte> encoded, string source, ImageFileLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        limits ??= ImageFileLimits.Default;
        limits.Validate();
        using var stream = EncodedBytesStream.Open(encoded);
        return Inspect(stream, source, limits);
    }

    /// <summary>Inspects a seekable stream from its start (the decoder's own stream, so the file is opened once).</summary>
    internal static ImageFileVerdict Inspect(Stream stream, string source, ImageFileLimits limits)
    {
        limits.Validate();
        stream.Position = 0;
        var format = ImageFileFormat.Unknown;
        try
        {
            long length = stream.Length;
            if (length == 0) return Refused(source, format, "is empty (0 bytes).");
            if (length > limits.MaxBytes)
                return Refused(source, format, $"is {length:N0} bytes, above the limit of {limits.MaxBytes:N0} (ImageFileLimits.MaxBytes); not read.");
            Span<byte> head = stackalloc byte[(int)Math.Min(ImageFormatSniffer.HeadLength, length)];
            stream.ReadExactly(head);
            format = ImageFormatSniffer.Sniff(head, stream);
            stream.Position = 0;
            var reader = new HeaderReader(stream);
            var facts = format switch
            {
                ImageFileFormat.Jpeg => JpegStructureCheck.Check(reader, limits),
                ImageFileFormat.Png => PngStructureCheck.Check(reader, limits),
                ImageFileFormat.Gif => GifStructureCheck.Check(reader, limits),
                ImageFileFormat.Bmp => BmpStructureCheck.Check(reader, limits),
                ImageFileFormat.WebP => WebPStructureCheck.Check(reader, limits),
                _ => throw new ImageRefusedException(NotServable(format)),
            };
            return new ImageFileVerdict(source, format, facts.Width, facts.Height, facts.FrameCount, Problem: null);
        }
        catch (ImageRefusedException refused)
        {
            return Refused(source, format, refused.Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(source, format, $"cannot be read ({e.Message}).");
        }
    }

    private static string NotServable(ImageFileFormat format) => format switch
    {
        ImageFileFormat.Unknown =>
            $"is not an image format the model can serve: its first bytes match none of {AcceptedList}, the formats that " +
            "both the saved model's decoder (SkiaSharp, in ML.NET's LoadImages) and the training decoder read.",
        ImageFileFormat.Icon =>
            $"is a {ImageFormatSniffer.Name(format)}, which ImageSharp (the training decoder) cannot read. Accepted: {AcceptedList}.",
        _ =>
            $"is a {ImageFormatSniffer.Name(format)} file, which the saved model's decoder (SkiaSharp, in ML.NET's LoadImages) " +
            $"cannot read. Accepted: {AcceptedList}; convert it to PNG.",
    };

    private static ImageFileVerdict Refused(string source, ImageFileFormat format, string problem) =>
        new(source, format, 0, 0, 0, problem);
}
