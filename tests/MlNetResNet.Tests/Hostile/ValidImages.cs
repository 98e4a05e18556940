using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Hostile;

/// <summary>Ordinary images, one per accepted format (and an animated GIF), that the guard must let through.</summary>
public static class ValidImages
{
    /// <summary>Writes the files; returns (file name, format it must be reported as, frame count).</summary>
    public static IReadOnlyList<(string Path, ImageFileFormat Format, int Frames)> Write(string folder, int side = 40)
    {
        Directory.CreateDirectory(folder);
        string P(string name) => Path.Combine(folder, name);
        var files = new List<(string, ImageFileFormat, int)>();
        void Save(string name, ImageFileFormat format, Action<Image<Rgb24>, Stream> save)
        {
            File.WriteAllBytes(P(name), HostileCorpus.Encode(save, side));
            files.Add((P(name), format, 1));
        }
        Save("valid.jpg", ImageFileFormat.Jpeg, (image, s) => image.SaveAsJpeg(s));
        Save("valid.png", ImageFileFormat.Png, (image, s) => image.SaveAsPng(s));
        Save("valid.gif", ImageFileFormat.Gif, (image, s) => image.SaveAsGif(s));
        Save("valid.bmp", ImageFileFormat.Bmp, (image, s) => image.SaveAsBmp(s));
        Save("valid-lossy.webp", ImageFileFormat.WebP, (image, s) => image.Save(s, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy }));
        Save("valid-lossless.webp", ImageFileFormat.WebP, (image, s) => image.Save(s, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }));

        using var animation = new Image<Rgb24>(side, side, new Rgb24(200, 10, 10));
        for (int i = 1; i < 3; i++)
        {
            using var frame = new Image<Rgb24>(side, side, new Rgb24(10, (byte)(100 * i), 10));
            animation.Frames.AddFrame(frame.Frames.RootFrame);
        }
        animation.Save(P("valid-animated.gif"), new GifEncoder());
        files.Add((P("valid-animated.gif"), ImageFileFormat.Gif, 3));
        return files;
    }
}
