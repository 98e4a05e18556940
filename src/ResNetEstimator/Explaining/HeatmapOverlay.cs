using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetResNet.Explaining;

/// <summary>
/// Draws Grad-CAM heatmaps over the crop the network saw: half image, half a blue-to-red colour scale (blue = none of
/// the evidence, red = the most), each panel scaled up to at least <see cref="MinimumPanel"/> pixels so small crops stay
/// visible. Panels: predicted class, then the true class when known and different.
/// </summary>
internal static class HeatmapOverlay
{
    public const int MinimumPanel = 224;

    public static void WritePng(GradCamExplanation explanation, string path)
    {
        var heatmaps = new List<IReadOnlyList<float>> { explanation.PredictedHeatmap };
        if (explanation.TrueHeatmap is { } truth && explanation.TrueClass != explanation.PredictedClass) heatmaps.Add(truth);
        int panel = Math.Max(MinimumPanel, explanation.Size);
        using var sheet = new Image<Rgb24>(panel * heatmaps.Count, panel);
        for (int i = 0; i < heatmaps.Count; i++)
        {
            using var overlay = Overlay(explanation.CropRgb, heatmaps[i], explanation.Size);
            overlay.Mutate(image => image.Resize(panel, panel, KnownResamplers.Triangle));
            int offset = i * panel;
            sheet.Mutate(image => image.DrawImage(overlay, new Point(offset, 0), 1f));
        }
        sheet.SaveAsPng(path);
    }

    private static Image<Rgb24> Overlay(byte[] cropRgb, IReadOnlyList<float> heatmap, int size)
    {
        var image = new Image<Rgb24>(size, size);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int pixel = y * size + x;
                var (r, g, b) = Colour(heatmap[pixel]);
                image[x, y] = new Rgb24(Blend(cropRgb[3 * pixel], r), Blend(cropRgb[3 * pixel + 1], g), Blend(cropRgb[3 * pixel + 2], b));
            }
        }
        return image;
    }

    // A "jet"-like scale: blue, cyan, green, yellow, red as the value goes from 0 to 1.
    private static (float R, float G, float B) Colour(float value)
    {
        float v = Math.Clamp(value, 0f, 1f) * 4f;
        float r = Math.Clamp(Math.Min(v - 1.5f, 4.5f - v), 0f, 1f);
        float g = Math.Clamp(Math.Min(v - 0.5f, 3.5f - v), 0f, 1f);
        float b = Math.Clamp(Math.Min(v + 0.5f, 2.5f - v), 0f, 1f);
        return (r * 255f, g * 255f, b * 255f);
    }

    private static byte Blend(byte image, float colour) => (byte)Math.Clamp(MathF.Round(0.5f * image + 0.5f * colour), 0, 255);
}
