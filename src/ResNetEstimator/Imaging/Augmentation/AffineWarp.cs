using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging.Augmentation;

/// <summary>
/// The geometric operations of TrivialAugmentWide as torchvision's tensor backend computes them: the inverse affine
/// matrix of <c>_get_inverse_affine_matrix</c>, sampled at pixel centres with nearest-neighbour, black outside.
/// </summary>
internal static class AffineWarp
{
    /// <summary>Shear along x by the angle whose tangent is <paramref name="factor"/>, about the top-left corner.</summary>
    public static void ShearX(PixelGrid grid, double factor) =>
        Warp(grid, InverseMatrix(-grid.Width * 0.5, -grid.Height * 0.5, 0, 0, 0, Math.Atan(factor), 0));

    /// <summary>Shear along y by the angle whose tangent is <paramref name="factor"/>, about the top-left corner.</summary>
    public static void ShearY(PixelGrid grid, double factor) =>
        Warp(grid, InverseMatrix(-grid.Width * 0.5, -grid.Height * 0.5, 0, 0, 0, 0, Math.Atan(factor)));

    /// <summary>Moves the content by whole pixels (torchvision truncates the magnitude with <c>int()</c>).</summary>
    public static void Translate(PixelGrid grid, int dx, int dy) => Warp(grid, InverseMatrix(0, 0, dx, dy, 0, 0, 0));

    /// <summary>Rotates counter-clockwise by <paramref name="degrees"/> about the image centre, keeping the size.</summary>
    public static void Rotate(PixelGrid grid, double degrees) =>
        Warp(grid, InverseMatrix(0, 0, 0, 0, -degrees * Math.PI / 180, 0, 0));

    // Output centre-relative coordinates to input centre-relative coordinates; angles in radians.
    private static double[] InverseMatrix(double cx, double cy, double tx, double ty, double rotation, double shearX, double shearY)
    {
        double a = Math.Cos(rotation - shearY) / Math.Cos(shearY);
        double b = -Math.Cos(rotation - shearY) * Math.Tan(shearX) / Math.Cos(shearY) - Math.Sin(rotation);
        double c = Math.Sin(rotation - shearY) / Math.Cos(shearY);
        double d = -Math.Sin(rotation - shearY) * Math.Tan(shearX) / Math.Cos(shearY) + Math.Cos(rotation);
        var m = new[] { d, -b, 0.0, -c, a, 0.0 };
        m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty) + cx;
        m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty) + cy;
        return m;
    }

    private static void Warp(PixelGrid grid, double[] m)
    {
        int width = grid.Width, height = grid.Height;
        var source = grid.Pixels;
        var target = grid.Scratch;
        double halfWidth = width * 0.5, halfHeight = height * 0.5;
        for (int y = 0; y < height; y++)
        {
            double v = y + 0.5 - halfHeight;
            for (int x = 0; x < width; x++)
            {
                double u = x + 0.5 - halfWidth;
                int sx = (int)Math.Round(m[0] * u + m[1] * v + m[2] + halfWidth - 0.5, MidpointRounding.ToEven);
                int sy = (int)Math.Round(m[3] * u + m[4] * v + m[5] + halfHeight - 0.5, MidpointRounding.ToEven);
                target[y * width + x] = (uint)sx < (uint)width && (uint)sy < (uint)height ? source[sy * width + sx] : default(Rgb24);
            }
        }
        target.CopyTo(source, 0);
    }
}
