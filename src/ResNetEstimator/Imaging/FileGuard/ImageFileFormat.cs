namespace MlNetResNet;

/// <summary>An image file format, as told by the file's first bytes (never by its extension).</summary>
public enum ImageFileFormat
{
    /// <summary>No signature this library knows.</summary>
    Unknown,

    /// <summary>JPEG (baseline, extended or progressive Huffman coding). Accepted.</summary>
    Jpeg,

    /// <summary>PNG. Accepted (an APNG is decoded as its default image only).</summary>
    Png,

    /// <summary>GIF 87a/89a. Accepted; only the first frame is decoded.</summary>
    Gif,

    /// <summary>Windows BMP. Accepted.</summary>
    Bmp,

    /// <summary>WebP (lossy, lossless, extended). Accepted when still; an animated WebP is refused.</summary>
    WebP,

    /// <summary>TIFF. Refused: the saved model's decoder (SkiaSharp) cannot read it.</summary>
    Tiff,

    /// <summary>Truevision TGA (version 2, recognised by its footer). Refused: SkiaSharp cannot read it.</summary>
    Tga,

    /// <summary>Netpbm (PBM, PGM, PPM, PAM). Refused: SkiaSharp cannot read it.</summary>
    Netpbm,

    /// <summary>Windows icon or cursor. Refused: ImageSharp, which training decodes with, cannot read it.</summary>
    Icon,

    /// <summary>HEIF, HEIC or AVIF. Refused: neither decoder here reads it.</summary>
    Heif,

    /// <summary>Photoshop PSD. Refused: neither decoder here reads it.</summary>
    Psd,
}
