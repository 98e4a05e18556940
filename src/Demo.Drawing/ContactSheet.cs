using SkiaSharp;

namespace MlNetResNet.Demo.Drawing;

/// <summary>
/// A contact sheet: a title, then a grid of square thumbnails (center-cropped, as the model sees them), each with a
/// caption of up to three lines below it. fastai's <c>plot_top_losses</c> draws the same kind of grid.
/// </summary>
public static class ContactSheet
{
    private const int Thumbnail = 150;
    private const int Gap = 10;
    private const int CaptionLine = 15;
    private const int CaptionLines = 3;
    private const int TitleHeight = 40;

    /// <summary>Writes the sheet as a PNG; lines of a caption are separated by '\n'.</summary>
    /// <exception cref="InvalidDataException">An image cannot be decoded, or no font is installed.</exception>
    public static void WritePng(string path, string title, string[] imagePaths, string[] captions, int columns)
    {
        using var typeface = SKFontManager.Default.MatchFamily("DejaVu Sans") ?? SKTypeface.Default;
        if (typeface.GlyphCount == 0)
            throw new InvalidDataException("No font is installed for the contact sheet captions (install e.g. fonts-dejavu-core).");
        columns = Math.Max(1, Math.Min(columns, Math.Max(1, imagePaths.Length)));
        int rows = (imagePaths.Length + columns - 1) / columns;
        int cellHeight = Thumbnail + CaptionLines * CaptionLine + Gap;
        int width = Gap + columns * (Thumbnail + Gap);
        int height = TitleHeight + Math.Max(rows, 1) * cellHeight + Gap;
        using var surface = SKSurface.Create(new SKImageInfo(Math.Max(width, 420), height));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(24, 24, 28));
        using var titleFont = new SKFont(typeface, 18) { Embolden = true };
        using var small = new SKFont(typeface, 12);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText(title, Gap, 27, SKTextAlign.Left, titleFont, white);
        if (imagePaths.Length == 0)
            canvas.DrawText("(none)", Gap, TitleHeight + 20, SKTextAlign.Left, small, white);
        for (int i = 0; i < imagePaths.Length; i++)
        {
            float x = Gap + i % columns * (Thumbnail + Gap), y = TitleHeight + i / columns * cellHeight;
            DrawThumbnail(canvas, imagePaths[i], new SKRect(x, y, x + Thumbnail, y + Thumbnail));
            var lines = captions[i].Split('\n');
            for (int line = 0; line < Math.Min(lines.Length, CaptionLines); line++)
                canvas.DrawText(lines[line], x, y + Thumbnail + (line + 1) * CaptionLine - 2, SKTextAlign.Left, small, white);
        }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    private static void DrawThumbnail(SKCanvas canvas, string imagePath, SKRect target)
    {
        using var source = SKBitmap.Decode(imagePath)
            ?? throw new InvalidDataException($"'{imagePath}' is not an image SkiaSharp can decode.");
        int side = Math.Min(source.Width, source.Height);
        var crop = SKRect.Create((source.Width - side) / 2f, (source.Height - side) / 2f, side, side);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, crop, target, new SKSamplingOptions(SKCubicResampler.Mitchell));
    }
}
