using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using MlNetResNet.Imaging;

namespace MlNetResNet.Tests.Hostile;

public class ImageDecoderHardeningTests(HostileCorpusFixture corpus) : IClassFixture<HostileCorpusFixture>
{
    [Theory]
    [MemberData(nameof(HostileCorpusFixture.CaseNames), MemberType = typeof(HostileCorpusFixture))]
    public void The_training_decoder_refuses_every_hostile_file_before_decoding_within_2_s_and_300_MB(string name)
    {
        var hostile = corpus.Case(name);
        var (error, elapsed, allocated, growth) = RefusalBudget.Measure(() =>
            Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(hostile.Path, ImageDecoder.DefaultMaxPixels, "row 3").Dispose()));

        Assert.Equal("row 3", error.ImageSource);
        Assert.Contains(hostile.ExpectedProblem, error.Message);
        RefusalBudget.AssertWithin(elapsed, allocated, growth, $"Decoding {name}");
    }

    [Fact]
    public void A_gif_decodes_its_first_frame_only()
    {
        string animated = corpus.Valid.Single(v => v.Frames == 3).Path;
        using var image = Image.Load(ImagingConfiguration.SingleThreaded, animated);
        Assert.Equal(1, image.Frames.Count);
        using var decoded = ImageDecoder.Decode(animated);
        Assert.Equal((40, 40), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void No_single_buffer_may_exceed_what_a_100_megapixel_image_needs()
    {
        var allocator = ImagingConfiguration.SingleThreaded.MemoryAllocator;
        int limitMegabytes = ImagingConfiguration.AllocationLimitMegabytes(ImageDecoder.DefaultMaxPixels);
        Assert.Equal(763, limitMegabytes);
        Assert.Throws<InvalidMemoryOperationException>(() => allocator.Allocate2D<long>(1 << 16, (limitMegabytes + 1) * 16).Dispose());

        // A caller who raises the pixel limit gets a configuration whose allocation limit grows with it.
        Assert.Same(ImagingConfiguration.SingleThreaded, ImagingConfiguration.ForMaxPixels(ImageDecoder.DefaultMaxPixels));
        Assert.NotSame(ImagingConfiguration.SingleThreaded, ImagingConfiguration.ForMaxPixels(2 * ImageDecoder.DefaultMaxPixels));
    }

    [Fact]
    public void Every_accepted_format_still_decodes_to_rgb()
    {
        foreach (var (path, _, _) in corpus.Valid)
        {
            using var decoded = ImageDecoder.Decode(path);
            Assert.Equal((40, 40), (decoded.Width, decoded.Height));
        }
    }
}
