using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// A float RGB canvas drawn at <see cref="Supersampling"/>× the output size and box-filtered down, which anti-aliases
/// every edge. Coordinates are in output pixels. Shapes are painted in their own rotated frame, visiting only the
/// samples of their bounding box.
/// </summary>
internal sealed class Canvas
{
    public const int Supersampling = 2;

    private readonly int _width;
    private readonly float[] _r, _g, _b;

    public Canvas(int size)
    {
        Size = size;
        _width = size * Supersampling;
        _r = new float[_width * _width];
        _g = new float[_width * _width];
        _b = new float[_width * _width];
    }

    /// <summary>Side of the output image in pixels.</summary>
    public int Size { get; }

    /// <summary>Top-to-bottom gradient.</summary>
    public void FillVertical(Rgb top, Rgb bottom)
    {
        for (int y = 0; y < _width; y++)
        {
            var c = Rgb.Lerp(top, bottom, y / (float)(_width - 1));
            int row = y * _width;
            Array.Fill(_r, c.R, row, _width);
            Array.Fill(_g, c.G, row, _width);
            Array.Fill(_b, c.B, row, _width);
        }
    }

    /// <summary>Paints <paramref name="shape"/> with its frame origin at (x, y), its u axis at <paramref name="angle"/> radians.</summary>
    public void Paint<TShape>(float x, float y, float angle, in TShape shape) where TShape : struct, IShape
    {
        float cos = MathF.Cos(angle), sin = MathF.Sin(angle);
        var (minU, maxU, maxV) = shape.Extent;
        // Bounding box of the rotated frame rectangle, in samples.
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        foreach (float u in stackalloc[] { minU, maxU })
        foreach (float v in stackalloc[] { -maxV, maxV })
        {
            float px = x + u * cos - v * sin, py = y + u * sin + v * cos;
            minX = MathF.Min(minX, px); maxX = MathF.Max(maxX, px);
            minY = MathF.Min(minY, py); maxY = MathF.Max(maxY, py);
        }
        int x0 = Math.Max(0, (int)MathF.Floor(minX * Supersampling)), x1 = Math.Min(_width - 1, (int)MathF.Ceiling(maxX * Supersampling));
        int y0 = Math.Max(0, (int)MathF.Floor(minY * Supersampling)), y1 = Math.Min(_width - 1, (int)MathF.Ceiling(maxY * Supersampling));
        const float step = 1f / Supersampling;
        for (int sy = y0; sy <= y1; sy++)
        {
            float dy = (sy + 0.5f) * step - y;
            int row = sy * _width;
            for (int sx = x0; sx <= x1; sx++)
            {
                float dx = (sx + 0.5f) * step - x;
                if (!shape.Covers(dx * cos + dy * sin, -dx * sin + dy * cos, out var color, out float alpha)) continue;
                int i = row + sx;
                _r[i] += (color.R - _r[i]) * alpha;
                _g[i] += (color.G - _g[i]) * alpha;
                _b[i] += (color.B - _b[i]) * alpha;
            }
        }
    }

    /// <summary>
    /// Box-filters to the output size and applies the photo's lighting: <paramref name="exposure"/>, a per-channel
    /// white balance, a linear light falloff along <paramref name="lightAngle"/> of strength <paramref name="falloff"/>,
    /// and Gaussian sensor noise of <paramref name="noiseSigma"/> (0…255 scale).
    /// </summary>
    public Image<Rgb24> Develop(float exposure, Rgb whiteBalance, float lightAngle, float falloff, float noiseSigma, Random random)
    {
        var image = new Image<Rgb24>(Size, Size);
        float lx = MathF.Cos(lightAngle), ly = MathF.Sin(lightAngle);
        const float area = 1f / (Supersampling * Supersampling);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < Size; y++)
            {
                var pixels = rows.GetRowSpan(y);
                for (int x = 0; x < Size; x++)
                {
                    float r = 0, g = 0, b = 0;
                    for (int oy = 0; oy < Supersampling; oy++)
                    for (int ox = 0; ox < Supersampling; ox++)
                    {
                        int i = (y * Supersampling + oy) * _width + x * Supersampling + ox;
                        r += _r[i]; g += _g[i]; b += _b[i];
                    }
                    float position = ((x / (float)Size - 0.5f) * lx + (y / (float)Size - 0.5f) * ly) * 2f;
                    float light = exposure * (1f + falloff * position) * area;
                    pixels[x] = new Rgb24(
                        Channel(r * light * whiteBalance.R + Gaussian(random) * noiseSigma),
                        Channel(g * light * whiteBalance.G + Gaussian(random) * noiseSigma),
                        Channel(b * light * whiteBalance.B + Gaussian(random) * noiseSigma));
                }
            }
        });
        return image;
    }

    private static byte Channel(float value) => (byte)Math.Clamp(MathF.Round(value), 0f, 255f);

    // Irwin–Hall approximation (sum of four uniforms): Gaussian enough for sensor noise and much cheaper than Box–Muller.
    private static float Gaussian(Random random) =>
        ((float)(random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble()) - 2f) * 1.7320508f;
}
