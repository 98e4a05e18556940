using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using MlNetResNet.Imaging;

namespace MlNetResNet.Tests.ImageNet;

/// <summary>
/// Sample photos (person, cat, cup, motorcycle, rocket, retina, galaxies, microscopy, two grayscale) that
/// scripts/install-test-deps.sh unpacks from Debian's python3-skimage package.
/// </summary>
internal static class TestPhotos
{
    public static readonly string[] Names =
    {
        "astronaut.png", "chelsea.png", "coffee.png", "motorcycle_left.png", "rocket.jpg",
        "retina.jpg", "hubble_deep_field.jpg", "ihc.png", "camera.png", "coins.png",
    };

    /// <summary>Same rule as the install script: MLNETRESNET_TEST_PHOTOS, else $XDG_CACHE_HOME or ~/.cache.</summary>
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MLNETRESNET_TEST_PHOTOS") is { Length: > 0 } custom) return custom;
            string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "mlnetresnet", "test-photos");
        }
    }

    /// <summary>The photo resized to size×size, as RGB planar floats in 0..255 ([3, size, size]).</summary>
    public static float[] RgbPlanar(string name, int size)
    {
        string path = Path.Combine(Folder, name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Test photo '{path}' is missing: run scripts/install-test-deps.sh.", path);
        using var image = Image.Load<Rgb24>(path);
        image.Mutate(x => x.Resize(size, size));
        var planar = new float[3 * size * size];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < size; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < size; x++)
                {
                    int at = y * size + x;
                    planar[at] = row[x].R;
                    planar[size * size + at] = row[x].G;
                    planar[2 * size * size + at] = row[x].B;
                }
            }
        });
        return planar;
    }

    /// <summary>(x/255 − mean)/std per RGB channel: our network's standard input.</summary>
    public static float[] Normalize(float[] planar)
    {
        int plane = planar.Length / 3;
        var result = new float[planar.Length];
        for (int i = 0; i < planar.Length; i++)
        {
            int c = i / plane;
            result[i] = (planar[i] / 255f - ImageNetNormalization.Mean[c]) / ImageNetNormalization.StandardDeviation[c];
        }
        return result;
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
