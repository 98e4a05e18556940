using Xunit.Abstractions;
using System.Buffers.Binary;
using System.IO.Compression;
using MlNetResNet.Imaging;

namespace MlNetResNet.Tests.Hostile;

public class ImageFileGuardTests(HostileCorpusFixture corpus, ITestOutputHelper output) : IClassFixture<HostileCorpusFixture>
{
    [Theory]
    [MemberData(nameof(HostileCorpusFixture.CaseNames), MemberType = typeof(HostileCorpusFixture))]
    public void Every_hostile_file_is_refused_with_a_reason_naming_it_within_2_s_and_300_MB(string name)
    {
        var hostile = corpus.Case(name);
        var (verdict, elapsed, allocated, growth) = RefusalBudget.Measure(() => ImageFileGuard.Inspect(hostile.Path));

        Assert.False(verdict.IsAccepted, verdict.Reason);
        Assert.Contains(hostile.Path, verdict.Reason);
        Assert.Contains(hostile.ExpectedProblem, verdict.Reason);
        Assert.DoesNotContain('\n', verdict.Reason);
        RefusalBudget.AssertWithin(elapsed, allocated, growth, $"Refusing {name}");
        output.WriteLine($"{name}: {elapsed.TotalMilliseconds:F1} ms, {allocated / 1024.0:F0} KiB allocated, RSS {growth / 1e6:+0;-0} MB; {verdict.Reason}");
    }

    [Theory]
    [MemberData(nameof(HostileCorpusFixture.CaseNames), MemberType = typeof(HostileCorpusFixture))]
    public void Encoded_bytes_get_the_same_verdict_as_the_file(string name)
    {
        var hostile = corpus.Case(name);
        var fromFile = ImageFileGuard.Inspect(hostile.Path);
        var fromBytes = ImageFileGuard.Inspect(File.ReadAllBytes(hostile.Path), "row 7");

        Assert.Equal(fromFile.Problem, fromBytes.Problem);
        Assert.StartsWith("Image 'row 7' refused: ", fromBytes.Reason);
    }

    [Fact]
    public void Ordinary_images_of_every_accepted_format_pass_with_their_size_and_frames()
    {
        Assert.Equal(ImageFileGuard.AcceptedFormats.Order(), corpus.Valid.Select(v => v.Format).Distinct().Order());
        foreach (var (path, format, frames) in corpus.Valid)
        {
            var verdict = ImageFileGuard.Inspect(path);
            Assert.True(verdict.IsAccepted, verdict.Reason);
            Assert.Equal((format, 40, 40, frames), (verdict.Format, verdict.Width, verdict.Height, verdict.FrameCount));
        }
    }

    [Fact]
    public void The_limits_are_the_callers_bytes_pixels_and_frames()
    {
        string animated = corpus.Valid.Single(v => v.Frames == 3).Path;
        string png = corpus.Valid.Single(v => v.Path.EndsWith("valid.png")).Path;

        Assert.Contains("above the limit of 100 (ImageFileLimits.MaxBytes)",
            ImageFileGuard.Inspect(png, new ImageFileLimits { MaxBytes = 100 }).Reason);
        Assert.Contains("40x40 = 1,600 pixels, above the limit of 1,599",
            ImageFileGuard.Inspect(png, new ImageFileLimits { MaxPixels = 1599 }).Reason);
        Assert.True(ImageFileGuard.Inspect(png, new ImageFileLimits { MaxPixels = 1600 }).IsAccepted);
        Assert.Contains("more than 2 frames (MaxFrames)",
            ImageFileGuard.Inspect(animated, new ImageFileLimits { MaxFrames = 2 }).Reason);
        Assert.True(ImageFileGuard.Inspect(animated, new ImageFileLimits { MaxFrames = 3 }).IsAccepted);
        Assert.Equal(ImageDecoder.DefaultMaxPixels, ImageFileLimits.Default.MaxPixels);
        Assert.Equal(ImageDecoder.DefaultMaxPixels, new ResNetClassifierOptions().MaxImagePixels);
    }

    [Fact]
    public void A_missing_file_and_an_empty_path_are_refused_by_name()
    {
        string missing = Path.Combine(corpus.Folder, "no-such-file.png");
        Assert.Equal($"Image '{missing}' refused: does not exist.", ImageFileGuard.Inspect(missing).Reason);
        Assert.Equal("Image '' refused: has an empty path.", ImageFileGuard.Inspect("").Reason);
    }

    [Fact]
    public void A_damaged_file_is_refused_at_every_cut_and_never_throws()
    {
        foreach (var (path, _, _) in corpus.Valid)
        {
            byte[] bytes = File.ReadAllBytes(path);
            // Formats with an end marker are refused when cut anywhere; BMP and WebP when the cut loses declared data.
            for (int length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
            {
                var verdict = ImageFileGuard.Inspect(bytes.AsMemory(0, length), $"{Path.GetFileName(path)}[..{length}]");
                Assert.False(verdict.IsAccepted, verdict.Reason);
            }
        }
    }

    [Fact]
    public void The_png_bomb_is_real_its_idat_inflates_to_every_row_of_a_30000_square_image()
    {
        var bomb = corpus.Case("png-bomb-30000.png");
        Assert.True(new FileInfo(bomb.Path).Length < 2_000_000);
        using var idat = new MemoryStream(IdatOf(File.ReadAllBytes(bomb.Path)));
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = inflate.Read(buffer)) > 0)
        {
            Assert.True(buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) < 0);
            total += read;
        }
        Assert.Equal((long)HostileCorpus.BombSide * (HostileCorpus.BombSide + 1), total);
    }

    private static byte[] IdatOf(byte[] png)
    {
        int position = PngFileWriter.Signature.Length;
        while (position < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            string type = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
            if (type == "IDAT") return png[(position + 8)..(position + 8 + length)];
            position += 12 + length;
        }
        throw new InvalidDataException("The bomb has no IDAT chunk.");
    }
}
