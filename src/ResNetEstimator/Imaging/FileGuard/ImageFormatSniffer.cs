using System.Text;

namespace MlNetResNet.Imaging.FileGuard;

/// <summary>Tells an image format from the file's first bytes (and, for TGA, its footer).</summary>
internal static class ImageFormatSniffer
{
    /// <summary>Bytes of the file start that <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 16;

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> IconSignature => [0, 0, 1, 0];
    private static ReadOnlySpan<byte> CursorSignature => [0, 0, 2, 0];
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> TgaFooterSignature => "TRUEVISION-XFILE.\0"u8;

    public static ImageFileFormat Sniff(ReadOnlySpan<byte> head, Stream stream)
    {
        if (head.StartsWith(JpegSignature)) return ImageFileFormat.Jpeg;
        if (head.StartsWith(PngSignature)) return ImageFileFormat.Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return ImageFileFormat.Gif;
        if (head.StartsWith("BM"u8)) return ImageFileFormat.Bmp;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return ImageFileFormat.WebP;
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8))
            return ImageFileFormat.Tiff;
        if (head.Length >= 3 && head[0] == 'P' && head[1] is >= (byte)'1' and <= (byte)'7' && head[2] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t')
            return ImageFileFormat.Netpbm;
        if (head.StartsWith(IconSignature) || head.StartsWith(CursorSignature)) return ImageFileFormat.Icon;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && IsHeifBrand(head[8..12])) return ImageFileFormat.Heif;
        if (head.StartsWith("8BPS"u8)) return ImageFileFormat.Psd;
        return HasTgaFooter(stream) ? ImageFileFormat.Tga : ImageFileFormat.Unknown;
    }

    /// <summary>The format's usual name in messages.</summary>
    public static string Name(ImageFileFormat format) => format switch
    {
        ImageFileFormat.Jpeg => "JPEG",
        ImageFileFormat.Png => "PNG",
        ImageFileFormat.Gif => "GIF",
        ImageFileFormat.Bmp => "BMP",
        ImageFileFormat.WebP => "WebP",
        ImageFileFormat.Tiff => "TIFF",
        ImageFileFormat.Tga => "TGA",
        ImageFileFormat.Netpbm => "Netpbm (PBM/PGM/PPM)",
        ImageFileFormat.Icon => "Windows icon",
        ImageFileFormat.Heif => "HEIF/AVIF",
        ImageFileFormat.Psd => "Photoshop PSD",
        _ => "unknown",
    };

    private static bool IsHeifBrand(ReadOnlySpan<byte> brand)
    {
        string name = Encoding.ASCII.GetString(brand);
        return name is "heic" or "heix" or "hevc" or "heim" or "heis" or "mif1" or "msf1" or "avif" or "avis";
    }

    // A TGA has no signature at the start; version 2 files end with this footer. Older TGAs read as unknown,
    // which is refused all the same.
    private static bool HasTgaFooter(Stream stream)
    {
        if (stream.Length < 26) return false;
        Span<byte> footer = stackalloc byte[18];
        stream.Position = stream.Length - footer.Length;
        stream.ReadExactly(footer);
        return footer.SequenceEqual(TgaFooterSignature);
    }
}
