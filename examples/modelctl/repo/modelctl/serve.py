from http.server import HTTPServer, SimpleHTTPRequestHandler


def add_serve_parser(subparsers):
    parser = subparsers.add_parser("serve", help="serve a checkpoint over HTTP")
    parser.add_argument("checkpoint")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.set_defaults(func=serve)
    return parser


def serve(args) -> int:
    """Serve a checkpoint over HTTP until interrupted."""
    HTTPServer(("", args.port), SimpleHTTPRequestHandler).serve_forever()
    return 0
