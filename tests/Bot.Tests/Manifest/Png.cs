using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace BranchBot.Bot.Tests.Manifest;

/// <summary>Just enough of PNG to check Teams icons: 8-bit RGB or RGBA, not interlaced.</summary>
public sealed record Png(int Width, int Height, byte[] Rgba)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public sealed record Header(int Width, int Height, byte BitDepth, byte ColorType, byte Interlace);

    public static Header ReadHeader(byte[] file)
    {
        var (type, data) = Chunks(file).First();
        if (type != "IHDR") throw new InvalidDataException($"first chunk is {type}, not IHDR");
        return new Header(
            BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(0)),
            BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4)),
            data[8], data[9], data[12]);
    }

    public static Png Decode(byte[] file)
    {
        var header = ReadHeader(file);
        var channels = header.ColorType switch
        {
            2 => 3,
            6 => 4,
            _ => throw new NotSupportedException($"colour type {header.ColorType}"),
        };
        if (header.BitDepth != 8 || header.Interlace != 0)
            throw new NotSupportedException($"bit depth {header.BitDepth}, interlace {header.Interlace}");

        using var compressed = new MemoryStream();
        foreach (var (type, data) in Chunks(file))
            if (type == "IDAT") compressed.Write(data);
        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);

        var pixels = Unfilter(raw.ToArray(), header.Width, header.Height, channels);
        var rgba = new byte[header.Width * header.Height * 4];
        for (var i = 0; i < header.Width * header.Height; i++)
        {
            Array.Copy(pixels, i * channels, rgba, i * 4, channels);
            if (channels == 3) rgba[i * 4 + 3] = 255;
        }
        return new Png(header.Width, header.Height, rgba);
    }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var o = (y * Width + x) * 4;
            return (Rgba[o], Rgba[o + 1], Rgba[o + 2], Rgba[o + 3]);
        }
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                yield return this[x, y];
    }

    private static IEnumerable<(string Type, byte[] Data)> Chunks(byte[] file)
    {
        if (!file.AsSpan(0, Signature.Length).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG file");
        var offset = Signature.Length;
        while (offset + 12 <= file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var type = Encoding.ASCII.GetString(file, offset + 4, 4);
            yield return (type, file.AsSpan(offset + 8, length).ToArray());
            if (type == "IEND") yield break;
            offset += 12 + length;
        }
        throw new InvalidDataException("PNG ends without IEND");
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bytesPerPixel)
    {
        var stride = width * bytesPerPixel;
        if (raw.Length != height * (stride + 1))
            throw new InvalidDataException($"image data is {raw.Length} bytes, expected {height * (stride + 1)}");
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? pixels[y * stride + i - bytesPerPixel] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int upLeft = i >= bytesPerPixel && y > 0 ? pixels[(y - 1) * stride + i - bytesPerPixel] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"row {y} has filter type {filter}"),
                };
                pixels[y * stride + i] = (byte)(raw[y * (stride + 1) + 1 + i] + predictor);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
