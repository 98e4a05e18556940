using SkiaSharp;

namespace MlNetResNet.Demo.Drawing;

/// <summary>
/// Draws the prediction on a copy of the image, as the seed's PIL ImageDraw step does: the image scaled to a fixed
/// width, a band below it with the predicted class and its probability, and a small bar per class.
/// </summary>
public static class PredictionAnnotator
{
    private const int Width = 360;

    /// <summary>Writes the annotated PNG to <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The image cannot be decoded, or no font is installed.</exception>
    public static void WritePng(string sourceImage, string path, string[] classNames, double[] probabilities, int predicted)
    {
        using var typeface = SKFontManager.Default.MatchFamily("DejaVu Sans") ?? SKTypeface.Default;
        if (typeface.GlyphCount == 0)
            throw new InvalidDataException("No font is installed for the image captions (install e.g. fonts-dejavu-core).");
        using var source = SKBitmap.Decode(sourceImage)
            ?? throw new InvalidDataException($"'{sourceImage}' is not an image SkiaSharp can decode.");
        int imageHeight = (int)Math.Round(source.Height * (double)Width / source.Width);
        int rowHeight = 18, bandHeight = 40 + rowHeight * classNames.Length + 8;
        using var surface = SKSurface.Create(new SKImageInfo(Width, imageHeight + bandHeight));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(24, 24, 28));
        using (var image = SKImage.FromBitmap(source))
            canvas.DrawImage(image, new SKRect(0, 0, Width, imageHeight), new SKSamplingOptions(SKCubicResampler.Mitchell));

        using var title = new SKFont(typeface, 22) { Embolden = true };
        using var small = new SKFont(typeface, 13);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var accent = new SKPaint { Color = new SKColor(255, 196, 0), IsAntialias = true };
        using var muted = new SKPaint { Color = new SKColor(110, 110, 120), IsAntialias = true };
        // Caption on the image itself too, on a translucent strip, so a crop of the picture still says what it is.
        using (var strip = new SKPaint { Color = new SKColor(0, 0, 0, 150) })
            canvas.DrawRect(0, 0, Width, 34, strip);
        string caption = $"{classNames[predicted]}  {probabilities[predicted]:P1}";
        canvas.DrawText(caption, 10, 25, SKTextAlign.Left, title, accent);
        canvas.DrawText($"predicted: {caption}", 10, imageHeight + 28, SKTextAlign.Left, title, white);
        for (int i = 0; i < classNames.Length; i++)
        {
            float y = imageHeight + 40 + i * rowHeight;
            canvas.DrawText(classNames[i], 10, y + 13, SKTextAlign.Left, small, white);
            canvas.DrawRect(110, y + 3, 180, 11, muted);
            canvas.DrawRect(110, y + 3, (float)(180 * Math.Clamp(probabilities[i], 0, 1)), 11, i == predicted ? accent : white);
            canvas.DrawText($"{probabilities[i]:P1}", Width - 8, y + 13, SKTextAlign.Right, small, white);
        }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
